package org.item2vec.experiment.report;

import java.util.List;
import org.item2vec.experiment.stats.SampleRatioCheck;
import org.item2vec.experiment.stats.TwoProportionTest;

/**
 * An experiment's results, as {@code GET /experiments/{id}/report} shows them.
 *
 * @param unit          the trial of the tests: {@code users} or {@code exposures}
 * @param control       the control's name, the variant the others are compared with
 * @param countsAt      when the attribution job published the counts (ISO-8601), or {@code null} before it has
 * @param sampleRatio   users per variant tested against the weights; {@code null} for interleaving, where
 *                      every user sees both variants
 * @param interleaving  the preference between the two variants; {@code null} for an A/B test
 * @param notes         what a reader should know to trust (or not) the figures
 */
public record ExperimentReport(String experiment, String mode, boolean running, String unit, String control,
                               String countsAt, List<VariantResult> variants, SampleRatioCheck.Result sampleRatio,
                               Preference interleaving, List<String> notes) {

    /**
     * One variant's counts and, for a treatment of an A/B test, its comparison with the control.
     *
     * @param clickThroughRate clicks per exposure
     * @param clickRate        the tested click rate: clicking users per user, or clicked lists per list
     * @param bookingRate      booking users per user; {@code null} with the exposures unit
     * @param clickComparison   the click rate against the control's; {@code null} for the control, for
     *                         interleaving, and when either has no trials
     * @param bookingComparison the same for the booking rate
     * @param significant      whether the click comparison's p-value is below 0.05
     */
    public record VariantResult(String name, double weight, long exposures, long users, long clicks,
                                long bookings, long clickedExposures, long clickingUsers, long bookingUsers,
                                double clickThroughRate, double clickRate, Double bookingRate,
                                TwoProportionTest.Comparison clickComparison,
                                TwoProportionTest.Comparison bookingComparison, boolean significant) {
    }

    /**
     * Team-draft interleaving's verdict: per user (or per list), which variant's items got more clicks.
     *
     * @param delta     Chapelle et al.'s Δ: above 0 when {@code second} is preferred
     * @param preferred the preferred variant when the sign test's p-value is below 0.05, else {@code null}
     */
    public record Preference(String first, String second, long winsFirst, long winsSecond, long ties,
                             double delta, double pValue, String preferred) {
    }
}
