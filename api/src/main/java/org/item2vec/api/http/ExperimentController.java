package org.item2vec.api.http;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import org.item2vec.api.experiment.ExperimentCatalog;
import org.item2vec.api.experiment.ExperimentReports;
import org.item2vec.api.experiment.UnknownExperimentException;
import org.item2vec.experiment.define.Experiment;
import org.item2vec.experiment.define.ExperimentJson;
import org.item2vec.experiment.report.ReportUnit;

/** {@code GET /experiments}: the experiments, and each one's report. Reading is open to all. */
@Controller("/experiments")
public class ExperimentController {
    private final ExperimentCatalog catalog;
    private final ExperimentReports reports;

    ExperimentController(ExperimentCatalog catalog, ExperimentReports reports) {
        this.catalog = catalog;
        this.reports = reports;
    }

    @Get(produces = MediaType.APPLICATION_JSON)
    @Operation(summary = "The experiments",
            description = "Each with its id, salt, mode (ab or interleaving), status and variants (weight, model, "
                    + "strategy, k, ranking); the first variant is the control.")
    public HttpResponse<byte[]> list() {
        return json(ExperimentJson.write(catalog.all()));
    }

    @Get(value = "/{id}", produces = MediaType.APPLICATION_JSON)
    @Operation(summary = "One experiment")
    public HttpResponse<byte[]> get(@PathVariable String id) {
        return json(ExperimentJson.write(experiment(id)));
    }

    @Get(value = "/{id}/report", produces = MediaType.APPLICATION_JSON)
    @Operation(summary = "An experiment's results",
            description = "Per variant: exposures, users, clicks, bookings, CTR, and the lift of the click and "
                    + "booking rates over the control with a 95% confidence interval and a two-proportion z-test; "
                    + "a sample-ratio-mismatch check of users against the weights; for interleaving, the "
                    + "preference between the two variants with a sign test.")
    public HttpResponse<byte[]> report(
            @PathVariable String id,
            @Parameter(description = "'users' (default: the share of users who clicked) or 'exposures' (the "
                    + "share of lists that got a click)") @Nullable @QueryValue String unit) {
        Experiment experiment = experiment(id);
        ReportUnit reportUnit;
        try {
            reportUnit = ReportUnit.parse(unit == null ? ReportUnit.USERS.key() : unit);
        } catch (IllegalArgumentException e) {
            throw new BadRequestException("parameter 'unit' " + e.getMessage());
        }
        return json(reports.report(experiment, reportUnit));
    }

    private Experiment experiment(String id) {
        return catalog.find(id).orElseThrow(() -> new UnknownExperimentException(id));
    }

    private static HttpResponse<byte[]> json(byte[] body) {
        return HttpResponse.ok(body).contentType(MediaType.APPLICATION_JSON_TYPE);
    }
}
