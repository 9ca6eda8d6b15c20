package org.item2vec.experiment.report;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.item2vec.experiment.define.Experiment;
import org.item2vec.experiment.define.ExperimentMode;
import org.item2vec.experiment.define.Variant;
import org.item2vec.experiment.events.ExperimentCounts;
import org.item2vec.experiment.events.VariantCounts;
import org.item2vec.experiment.stats.InterleavingPreference;
import org.item2vec.experiment.stats.SampleRatioCheck;
import org.item2vec.experiment.stats.TwoProportionTest;

/** Turns an experiment's definition and counts into its {@link ExperimentReport}. */
public final class ReportBuilder {
    /** The significance level of the comparisons and the interleaving preference. */
    public static final double ALPHA = 0.05;

    private ReportBuilder() {
    }

    /**
     * @param counts   the attribution job's counts, or {@code null} before it has published any
     * @param countsAt when it published them, or {@code null}
     */
    public static ExperimentReport build(Experiment experiment, ExperimentCounts counts, Instant countsAt,
                                         ReportUnit unit) {
        ExperimentCounts known = counts != null ? counts : ExperimentCounts.empty(experiment.id());
        boolean ab = experiment.mode() == ExperimentMode.AB;
        VariantCounts control = known.variant(experiment.control().name());
        List<ExperimentReport.VariantResult> results = new ArrayList<>();
        for (Variant variant : experiment.variants()) {
            boolean compared = ab && variant != experiment.control();
            results.add(result(variant, known.variant(variant.name()), compared ? control : null, unit));
        }
        List<String> notes = new ArrayList<>();
        if (counts == null) {
            notes.add("no counts yet: the attribution job of the streaming service has published none for this "
                    + "experiment");
        }
        SampleRatioCheck.Result sampleRatio = null;
        if (ab) {
            sampleRatio = sampleRatio(experiment, known);
            if (sampleRatio.mismatch()) {
                notes.add("sample ratio mismatch: the users per variant do not match the weights (p < "
                        + SampleRatioCheck.ALPHA + "), so assignment or logging is broken and the comparisons "
                        + "cannot be trusted");
            }
        }
        if (unit == ReportUnit.EXPOSURES) {
            notes.add("tests per exposure treat a user's lists as independent, which they are not: "
                    + "p-values are too small when users see many lists");
        }
        // Unrecorded variants show up when an experiment was redefined; their counts are not in the report.
        known.variants().keySet().stream().filter(name -> experiment.variant(name).isEmpty()).sorted()
                .forEach(name -> notes.add("counts of variant '" + name + "', which the experiment no longer "
                        + "defines, are left out"));
        return new ExperimentReport(experiment.id(), experiment.mode().key(), experiment.running(), unit.key(),
                experiment.control().name(), countsAt == null ? null : countsAt.toString(), results, sampleRatio,
                ab ? null : preference(experiment, known, unit), notes);
    }

    private static ExperimentReport.VariantResult result(Variant variant, VariantCounts counts,
                                                         VariantCounts control, ReportUnit unit) {
        boolean byUser = unit == ReportUnit.USERS;
        long clickSuccesses = unit.clickSuccesses(counts);
        long trials = unit.trials(counts);
        TwoProportionTest.Comparison clicks = null;
        TwoProportionTest.Comparison bookings = null;
        if (control != null) {
            clicks = TwoProportionTest.compare(unit.clickSuccesses(control), unit.trials(control), clickSuccesses,
                    trials).orElse(null);
            if (byUser) {
                bookings = TwoProportionTest.compare(control.bookingUsers(), control.users(), counts.bookingUsers(),
                        counts.users()).orElse(null);
            }
        }
        return new ExperimentReport.VariantResult(variant.name(), variant.weight(), counts.exposures(),
                counts.users(), counts.clicks(), counts.bookings(), counts.clickedExposures(),
                counts.clickingUsers(), counts.bookingUsers(), counts.clickThroughRate(),
                rate(clickSuccesses, trials), byUser ? rate(counts.bookingUsers(), counts.users()) : null,
                clicks, bookings, clicks != null && clicks.pValue() != null && clicks.pValue() < ALPHA);
    }

    private static double rate(long successes, long trials) {
        return trials == 0 ? 0 : (double) successes / trials;
    }

    private static SampleRatioCheck.Result sampleRatio(Experiment experiment, ExperimentCounts counts) {
        List<Variant> variants = experiment.variants();
        long[] users = new long[variants.size()];
        double[] weights = new double[variants.size()];
        for (int i = 0; i < users.length; i++) {
            users[i] = counts.variant(variants.get(i).name()).users();
            weights[i] = variants.get(i).weight();
        }
        return SampleRatioCheck.test(users, weights);
    }

    private static ExperimentReport.Preference preference(Experiment experiment, ExperimentCounts counts,
                                                          ReportUnit unit) {
        String first = experiment.variants().get(0).name();
        String second = experiment.variants().get(1).name();
        long winsFirst = unit.wins(counts.variant(first));
        long winsSecond = unit.wins(counts.variant(second));
        long ties = unit.ties(counts);
        InterleavingPreference.Result result = InterleavingPreference.of(winsFirst, winsSecond, ties);
        String preferred = result.pValue() < ALPHA && result.delta() != 0 ? (result.delta() > 0 ? second : first)
                : null;
        return new ExperimentReport.Preference(first, second, winsFirst, winsSecond, ties, result.delta(),
                result.pValue(), preferred);
    }
}
