package org.item2vec.api.experiment;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.item2vec.experiment.define.Experiment;
import org.item2vec.experiment.events.ExperimentCounts;
import org.item2vec.experiment.report.ExperimentReport;
import org.item2vec.experiment.report.ReportBuilder;
import org.item2vec.experiment.report.ReportUnit;

/** An experiment's report as JSON, from its definition and the latest counts of the attribution job. */
public final class ExperimentReports {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final ExperimentCountsFeed feed;

    public ExperimentReports(ExperimentCountsFeed feed) {
        this.feed = feed;
    }

    public byte[] report(Experiment experiment, ReportUnit unit) {
        feed.start();
        ExperimentCountsFeed.Latest latest = feed.latest(experiment.id()).orElse(null);
        ExperimentCounts counts = latest == null ? null : latest.counts();
        ExperimentReport report = ReportBuilder.build(experiment, counts,
                latest == null ? null : latest.publishedAt(), unit);
        try {
            return JSON.writeValueAsBytes(report);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a report could not be written as JSON", e);
        }
    }
}
