package org.item2vec.api.http;

import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.AbstractHealthIndicator;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.Map;
import org.item2vec.api.model.ModelRegistry;

/** Up when a default model with items is served; the details list the served versions. */
@Singleton
public class ModelHealth extends AbstractHealthIndicator<Map<String, Object>> {
    private final ModelRegistry models;

    ModelHealth(ModelRegistry models) {
        this.models = models;
    }

    @Override
    protected Map<String, Object> getHealthInformation() {
        healthStatus = models.ready() ? HealthStatus.UP : HealthStatus.DOWN;
        Map<String, Object> details = new LinkedHashMap<>();
        models.entries().forEach(entry -> details.put(entry.info().version(), entry.items() + " items"
                + (entry.isDefault() ? ", default" : "")));
        if (!models.ready()) {
            details.put("reason", "no model with items is served yet: none has been published or trained");
        }
        return details;
    }

    @Override
    protected String getName() {
        return "models";
    }
}
