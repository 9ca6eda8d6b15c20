package org.item2vec.api.http;

import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.swagger.v3.oas.annotations.Operation;
import java.util.List;
import org.item2vec.api.model.ModelInfo;
import org.item2vec.api.model.ModelRegistry;

/** {@code GET /models}: the model versions being served, and which answers by default. */
@Controller
public class ModelController {
    private final ModelRegistry models;

    ModelController(ModelRegistry models) {
        this.models = models;
    }

    @Get("/models")
    @Operation(summary = "Served model versions", description = "Published versions oldest first, then the live"
            + " model followed from the trainer; versions that failed to load are listed with the reason.")
    public Responses.Models list() {
        List<Responses.ModelEntry> entries = models.entries().stream().map(entry -> {
            ModelInfo info = entry.info();
            return new Responses.ModelEntry(info.version(), info.kind(), info.base(), entry.isDefault(),
                    info.createdAt(), info.dim(), entry.items(), entry.changedItems(), info.appliedMessages(),
                    info.offsets(), info.metrics());
        }).toList();
        String defaultModel = entries.stream().filter(Responses.ModelEntry::isDefault)
                .map(Responses.ModelEntry::version).findFirst().orElse(null);
        return new Responses.Models(defaultModel, models.currentVersion(), entries, models.rejected());
    }
}
