package org.item2vec.experiment.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.item2vec.experiment.define.Experiment;
import org.item2vec.experiment.define.ExperimentMode;
import org.item2vec.experiment.define.Strategy;
import org.item2vec.experiment.define.Variant;
import org.item2vec.experiment.events.ExperimentCounts;
import org.item2vec.experiment.events.VariantCounts;
import org.junit.jupiter.api.Test;

class ReportBuilderTest {
    private static final Experiment AB = new Experiment("e", "", "e", ExperimentMode.AB, true,
            List.of(variant("control"), variant("treatment")));
    private static final Experiment INTERLEAVING = new Experiment("i", "", "i", ExperimentMode.INTERLEAVING, true,
            List.of(variant("a"), variant("b")));

    @Test
    void comparesEachTreatmentWithTheControlPerUser() {
        // 100 of 1000 control users clicked, 130 of 1000 treatment users: z = 2.1027, p = 0.03549 (by hand in
        // TwoProportionTestTest); bookings 20 vs 22 of 1000 are no difference worth the name.
        ExperimentCounts counts = new ExperimentCounts("e", Map.of(
                "control", counts(3000, 1000, 150, 25, 140, 100, 20),
                "treatment", counts(3100, 1000, 190, 26, 180, 130, 22)), 0, 0);
        ExperimentReport report = ReportBuilder.build(AB, counts, Instant.parse("2026-11-21T10:00:00Z"),
                ReportUnit.USERS);
        assertEquals("control", report.control());
        assertEquals("2026-11-21T10:00:00Z", report.countsAt());
        ExperimentReport.VariantResult control = report.variants().get(0);
        ExperimentReport.VariantResult treatment = report.variants().get(1);
        assertNull(control.clickComparison());
        assertEquals(0.05, control.clickThroughRate(), 1e-12);
        assertEquals(0.10, control.clickRate(), 1e-12);
        assertEquals(0.13, treatment.clickRate(), 1e-12);
        assertEquals(0.022, treatment.bookingRate(), 1e-12);
        assertEquals(0.3, treatment.clickComparison().lift(), 1e-12);
        assertEquals(0.035488450466474692, treatment.clickComparison().pValue(), 1e-12);
        assertTrue(treatment.significant());
        assertTrue(treatment.bookingComparison().pValue() > 0.5);
        assertFalse(report.sampleRatio().mismatch());
        assertNull(report.interleaving());
        assertEquals(List.of(), report.notes());
    }

    @Test
    void perExposureComparesClickedListsAndSaysWhyThatIsWeaker() {
        ExperimentCounts counts = new ExperimentCounts("e", Map.of(
                "control", counts(1000, 500, 150, 25, 100, 90, 20),
                "treatment", counts(1000, 500, 190, 26, 130, 110, 22)), 0, 0);
        ExperimentReport report = ReportBuilder.build(AB, counts, null, ReportUnit.EXPOSURES);
        ExperimentReport.VariantResult treatment = report.variants().get(1);
        assertEquals(0.13, treatment.clickRate(), 1e-12);
        assertEquals(0.035488450466474692, treatment.clickComparison().pValue(), 1e-12);
        assertNull(treatment.bookingRate());
        assertNull(treatment.bookingComparison());
        assertTrue(report.notes().get(0).contains("not"), report.notes().toString());
    }

    @Test
    void flagsASampleRatioMismatch() {
        // 5200 vs 4800 users under equal weights: chi-square 16, p = 6.3e-5.
        ExperimentCounts counts = new ExperimentCounts("e", Map.of(
                "control", counts(5200, 5200, 0, 0, 0, 0, 0),
                "treatment", counts(4800, 4800, 0, 0, 0, 0, 0)), 0, 0);
        ExperimentReport report = ReportBuilder.build(AB, counts, null, ReportUnit.USERS);
        assertTrue(report.sampleRatio().mismatch());
        assertEquals(16.0, report.sampleRatio().chiSquare(), 1e-9);
        assertTrue(report.notes().stream().anyMatch(n -> n.startsWith("sample ratio mismatch")), report.notes().toString());
        // Nobody clicked: the rates are equal, and the test has no variance, so no p-value rather than NaN.
        assertNull(report.variants().get(1).clickComparison().pValue());
        assertFalse(report.variants().get(1).significant());
    }

    @Test
    void interleavingReportsThePreferenceWithItsSignTest() {
        // 30 users prefer a, 50 prefer b, 20 tie: delta = (50 + 10) / 100 - 0.5 = 0.1, sign test p = 0.033.
        ExperimentCounts counts = new ExperimentCounts("i", Map.of(
                "a", new VariantCounts(200, 100, 60, 2, 50, 45, 2, 40, 30),
                "b", new VariantCounts(200, 100, 80, 3, 60, 55, 3, 55, 50)), 25, 20);
        ExperimentReport report = ReportBuilder.build(INTERLEAVING, counts, null, ReportUnit.USERS);
        ExperimentReport.Preference preference = report.interleaving();
        assertNotNull(preference);
        assertEquals(30, preference.winsFirst());
        assertEquals(50, preference.winsSecond());
        assertEquals(20, preference.ties());
        assertEquals(0.1, preference.delta(), 1e-12);
        assertEquals(0.03299261842647618, preference.pValue(), 1e-12);
        assertEquals("b", preference.preferred());
        assertNull(report.sampleRatio());
        assertNull(report.variants().get(1).clickComparison());
        // Per list: 40 vs 55 won, 25 tied.
        ExperimentReport.Preference perList = ReportBuilder.build(INTERLEAVING, counts, null, ReportUnit.EXPOSURES)
                .interleaving();
        assertEquals(40, perList.winsFirst());
        assertEquals(55, perList.winsSecond());
        assertEquals(25, perList.ties());
        assertNull(perList.preferred(), "p = " + perList.pValue());
    }

    @Test
    void withoutCountsTheReportSaysSo() {
        ExperimentReport report = ReportBuilder.build(AB, null, null, ReportUnit.USERS);
        assertEquals(0, report.variants().get(0).users());
        assertNull(report.variants().get(1).clickComparison());
        assertFalse(report.sampleRatio().mismatch());
        assertTrue(report.notes().get(0).startsWith("no counts yet"), report.notes().toString());
    }

    @Test
    void countsOfVariantsNoLongerDefinedAreNamedNotMixedIn() {
        ExperimentCounts counts = new ExperimentCounts("e", Map.of(
                "control", counts(10, 10, 1, 0, 1, 1, 0), "old", counts(10, 10, 5, 0, 5, 5, 0)), 0, 0);
        ExperimentReport report = ReportBuilder.build(AB, counts, null, ReportUnit.USERS);
        assertEquals(List.of("control", "treatment"), report.variants().stream()
                .map(ExperimentReport.VariantResult::name).toList());
        assertTrue(report.notes().stream().anyMatch(n -> n.contains("'old'")), report.notes().toString());
    }

    private static VariantCounts counts(long exposures, long users, long clicks, long bookings,
                                        long clickedExposures, long clickingUsers, long bookingUsers) {
        return new VariantCounts(exposures, users, clicks, bookings, clickedExposures, clickingUsers, bookingUsers,
                0, 0);
    }

    private static Variant variant(String name) {
        return new Variant(name, 1, null, Strategy.SIMILAR_IN_MARKET, null, null);
    }
}
