package org.item2vec.service.config;

/**
 * Where string settings come from: {@link Settings} for the processes started by {@code bin/item2vec}, the
 * Micronaut environment in the API. The keys and defaults that several processes share ({@link KafkaSettings},
 * {@link Topics}) are read through it, so that they are written down once.
 */
@FunctionalInterface
public interface SettingSource {
    /** The value of {@code key}, or {@code defaultValue} when it is not set. */
    String string(String key, String defaultValue);
}
