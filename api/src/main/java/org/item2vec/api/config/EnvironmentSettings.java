package org.item2vec.api.config;

import io.micronaut.context.env.Environment;
import org.item2vec.service.config.SettingSource;

/**
 * The API's Micronaut environment (application.yml, system properties, {@code ITEM2VEC_...} variables) as a
 * {@link SettingSource}, so that the API reads the Kafka and topic settings under the keys and defaults the
 * other services define.
 */
record EnvironmentSettings(Environment environment) implements SettingSource {
    @Override
    public String string(String key, String defaultValue) {
        return environment.getProperty(key, String.class).orElse(defaultValue);
    }
}
