package org.item2vec.api.http;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Put;
import io.swagger.v3.oas.annotations.Operation;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import org.item2vec.api.config.ApiSettings;
import org.item2vec.api.config.ExperimentSettings;
import org.item2vec.api.experiment.ExperimentCatalog;
import org.item2vec.api.experiment.UnknownExperimentException;
import org.item2vec.api.model.Model;
import org.item2vec.api.model.ModelRegistry;
import org.item2vec.api.model.RegistrySettings;
import org.item2vec.experiment.define.Experiment;
import org.item2vec.experiment.define.ExperimentJson;
import org.item2vec.experiment.define.InvalidExperimentException;
import org.item2vec.experiment.define.Variant;
import org.item2vec.store.ModelVersions;

/**
 * {@code PUT} and {@code DELETE /admin/experiments/{id}}: changes to experiments, for holders of the admin
 * token. A definition is checked completely (fields, weights, that its model versions exist and its lengths
 * are allowed) before it replaces anything.
 */
@Controller("/admin/experiments")
public class ExperimentAdminController {
    private final ExperimentCatalog catalog;
    private final ModelRegistry models;
    private final AdminToken token;
    private final Path versionsDirectory;
    private final int maxK;

    ExperimentAdminController(ExperimentCatalog catalog, ModelRegistry models, ApiSettings api,
                              ExperimentSettings settings) {
        this.catalog = catalog;
        this.models = models;
        this.token = new AdminToken(settings.adminToken());
        this.versionsDirectory = api.versionsDirectory();
        this.maxK = api.maxK();
    }

    @Put(value = "/{id}", consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    @Operation(summary = "Define or replace an experiment",
            description = "Needs 'Authorization: Bearer <item2vec.experiments.admin-token>'. The body is one "
                    + "experiment as GET /experiments lists it; 201 when new, 200 when replaced. Changing the salt "
                    + "or the weights of a running experiment reshuffles its users: start a new id instead.")
    public HttpResponse<byte[]> put(HttpRequest<?> request, @PathVariable String id, @Nullable @Body byte[] body) {
        token.check(request);
        Experiment experiment;
        try {
            experiment = ExperimentJson.parse(body, id);
        } catch (InvalidExperimentException e) {
            throw new BadRequestException(e.getMessage());
        }
        checkAgainstServer(experiment);
        boolean created = catalog.put(experiment);
        // Load the versions the experiment names now, rather than at the next refresh.
        models.refresh();
        byte[] json = ExperimentJson.write(experiment);
        return (created ? HttpResponse.<byte[]>created(json) : HttpResponse.ok(json))
                .contentType(MediaType.APPLICATION_JSON_TYPE);
    }

    @Delete("/{id}")
    @Operation(summary = "Remove an experiment", description = "Needs the admin token. Its counts stay in Kafka.")
    public HttpResponse<?> delete(HttpRequest<?> request, @PathVariable String id) {
        token.check(request);
        if (!catalog.remove(id)) {
            throw new UnknownExperimentException(id);
        }
        return HttpResponse.noContent();
    }

    private void checkAgainstServer(Experiment experiment) {
        Set<String> published = new ModelVersions(versionsDirectory).list().stream()
                .map(p -> p.getFileName().toString()).collect(Collectors.toSet());
        for (Variant variant : experiment.variants()) {
            String model = variant.model();
            if (model != null && !model.equals(Model.LIVE) && !model.equals(RegistrySettings.LATEST)
                    && !published.contains(model)) {
                throw new BadRequestException("variant '" + variant.name() + "': model '" + model
                        + "' is not published; GET /models lists the versions");
            }
            if (variant.k() != null && variant.k() > maxK) {
                throw new BadRequestException("variant '" + variant.name() + "': k " + variant.k()
                        + " is above the server's item2vec.api.max-k of " + maxK);
            }
        }
    }
}
