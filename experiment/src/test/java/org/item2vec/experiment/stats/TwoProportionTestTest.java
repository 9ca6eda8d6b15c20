package org.item2vec.experiment.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Expected values are worked out by hand below (z₉₅ = 1.959963984540054) and were checked to 17 digits with
 * mpmath.
 */
class TwoProportionTestTest {
    private static final double TOLERANCE = 1e-9;

    @Test
    void tenPercentAgainstThirteenPercent() {
        TwoProportionTest.Comparison c = TwoProportionTest.compare(100, 1000, 130, 1000).orElseThrow();
        assertEquals(0.1, c.controlRate(), TOLERANCE);
        assertEquals(0.13, c.treatmentRate(), TOLERANCE);

        // difference 0.13 − 0.1 = 0.03
        // unpooled se = √(0.1·0.9/1000 + 0.13·0.87/1000) = √(0.00009 + 0.0001131) = √0.0002031 = 0.0142513157287
        // margin = 1.959963984540054 · 0.0142513157287 = 0.0279320655606
        assertEquals(0.03, c.difference(), TOLERANCE);
        assertEquals(0.0020679344393764, c.differenceLow(), TOLERANCE);   // 0.03 − 0.0279320655606
        assertEquals(0.0579320655606236, c.differenceHigh(), TOLERANCE);  // 0.03 + 0.0279320655606

        // lift 0.13/0.1 − 1 = 0.3
        // Katz se = √(0.9/100 + 0.87/130) = √(0.009 + 0.0066923077) = √0.0156923077 = 0.1252689415
        // ln 1.3 = 0.2623642645, margin = 1.959963984540054 · 0.1252689415 = 0.2455226136
        assertEquals(0.3, c.lift(), TOLERANCE);
        assertEquals(0.0169842709710455, c.liftLow(), TOLERANCE);   // e^(0.2623642645 − 0.2455226136) − 1 = e^0.0168416508 − 1
        assertEquals(0.6617759470226024, c.liftHigh(), TOLERANCE);  // e^(0.2623642645 + 0.2455226136) − 1 = e^0.5078868781 − 1

        // pooled p = 230/2000 = 0.115, se = √(0.115·0.885·(1/1000 + 1/1000)) = √(0.101775·0.002) = √0.00020355
        //   = 0.0142670950091
        // z = 0.03 / 0.0142670950091 = 2.1027406056, p = erfc(2.1027406056/√2) = 0.0354884505
        assertEquals(2.1027406056221143, c.z(), TOLERANCE);
        assertEquals(0.035488450466474692, c.pValue(), TOLERANCE);
    }

    @Test
    void unequalGroupSizes() {
        TwoProportionTest.Comparison c = TwoProportionTest.compare(200, 2500, 90, 900).orElseThrow();
        // p_c = 200/2500 = 0.08, p_t = 90/900 = 0.1, difference 0.02
        // unpooled se = √(0.08·0.92/2500 + 0.1·0.9/900) = √(0.00002944 + 0.0001) = √0.00012944 = 0.0113771701
        // margin = 1.959963984540054 · 0.0113771701 = 0.0222988437
        assertEquals(0.02, c.difference(), TOLERANCE);
        assertEquals(-0.0022988436864033, c.differenceLow(), TOLERANCE);
        assertEquals(0.0422988436864033, c.differenceHigh(), TOLERANCE);

        // lift 0.1/0.08 − 1 = 0.25
        // Katz se = √(0.92/200 + 0.9/90) = √(0.0046 + 0.01) = √0.0146 = 0.1208304597
        // ln 1.25 = 0.2231435513, margin = 1.959963984540054 · 0.1208304597 = 0.2368233493
        assertEquals(0.25, c.lift(), TOLERANCE);
        assertEquals(-0.0135866547775295, c.liftLow(), TOLERANCE);  // e^(−0.0136797980) − 1
        assertEquals(0.5840215540145617, c.liftHigh(), TOLERANCE);  // e^0.4599669006 − 1

        // pooled p = 290/3400 = 0.0852941176, se = √(0.0852941176·0.9147058824·(1/2500 + 1/900))
        //   = √(0.0780190311·0.0015111111) = √0.0001178954 = 0.0108579660
        // z = 0.02 / 0.0108579660 = 1.8419656195, p = 0.0654801790
        assertEquals(1.8419656194908158, c.z(), TOLERANCE);
        assertEquals(0.065480179010834989, c.pValue(), TOLERANCE);
    }

    @Test
    void equalRatesGiveZeroAndPOne() {
        TwoProportionTest.Comparison c = TwoProportionTest.compare(50, 1000, 100, 2000).orElseThrow();
        assertEquals(0, c.difference(), TOLERANCE);
        assertEquals(0, c.lift(), TOLERANCE);
        assertEquals(0, c.z(), TOLERANCE);
        assertEquals(1, c.pValue(), TOLERANCE);
        assertTrue(c.differenceLow() < 0 && c.differenceHigh() > 0);
        assertTrue(c.liftLow() < 0 && c.liftHigh() > 0);
    }

    @Test
    void swappingTheGroupsFlipsTheSignOfZButNotThePValue() {
        TwoProportionTest.Comparison forward = TwoProportionTest.compare(100, 1000, 130, 1000).orElseThrow();
        TwoProportionTest.Comparison backward = TwoProportionTest.compare(130, 1000, 100, 1000).orElseThrow();
        assertEquals(-forward.z(), backward.z(), TOLERANCE);
        assertEquals(forward.pValue(), backward.pValue(), TOLERANCE);
        assertEquals(-forward.difference(), backward.difference(), TOLERANCE);
        assertEquals(-forward.differenceHigh(), backward.differenceLow(), TOLERANCE);
    }

    @Test
    void noTrialsInAGroupGivesNoComparison() {
        assertTrue(TwoProportionTest.compare(0, 0, 5, 100).isEmpty());
        assertTrue(TwoProportionTest.compare(5, 100, 0, 0).isEmpty());
        assertTrue(TwoProportionTest.compare(0, 0, 0, 0).isEmpty());
    }

    @Test
    void noControlSuccessesLeavesTheLiftUndefined() {
        TwoProportionTest.Comparison c = TwoProportionTest.compare(0, 100, 5, 100).orElseThrow();
        assertNull(c.lift());
        assertNull(c.liftLow());
        assertNull(c.liftHigh());
        // difference 0.05, se = √(0 + 0.05·0.95/100) = √0.000475 = 0.0217944947, margin 0.0427164247
        assertEquals(0.05, c.difference(), TOLERANCE);
        assertEquals(0.0072835752920529, c.differenceLow(), TOLERANCE);
        assertEquals(0.0927164247079471, c.differenceHigh(), TOLERANCE);
        // pooled p = 5/200 = 0.025, se = √(0.025·0.975·0.02) = √0.0004875 = 0.0220794022, z = 2.2645540683
        assertEquals(2.2645540682891915, c.z(), TOLERANCE);
        assertEquals(0.023540058261177951, c.pValue(), TOLERANCE);
    }

    @Test
    void noTreatmentSuccessesIsALiftOfMinusOneWithoutInterval() {
        TwoProportionTest.Comparison c = TwoProportionTest.compare(10, 100, 0, 100).orElseThrow();
        assertEquals(-1, c.lift(), TOLERANCE);
        assertNull(c.liftLow());
        assertNull(c.liftHigh());
        // pooled p = 10/200 = 0.05, se = √(0.05·0.95·0.02) = √0.00095 = 0.0308220700, z = −0.1/0.0308220700
        assertEquals(-3.2444284226152508, c.z(), TOLERANCE);
        assertEquals(0.0011768659106247396, c.pValue(), TOLERANCE);
    }

    @Test
    void pooledRateOfZeroOrOneLeavesTheTestUndefined() {
        TwoProportionTest.Comparison nobody = TwoProportionTest.compare(0, 50, 0, 40).orElseThrow();
        assertNull(nobody.z());
        assertNull(nobody.pValue());
        assertNull(nobody.lift());
        assertEquals(0, nobody.difference());
        assertEquals(0, nobody.differenceLow());
        assertEquals(0, nobody.differenceHigh());

        TwoProportionTest.Comparison everybody = TwoProportionTest.compare(50, 50, 40, 40).orElseThrow();
        assertNull(everybody.z());
        assertNull(everybody.pValue());
        assertEquals(0, everybody.lift());
        assertEquals(0, everybody.liftLow());
        assertEquals(0, everybody.liftHigh());
    }

    @Test
    void impossibleCountsAreRejectedWithTheirValues() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TwoProportionTest.compare(11, 10, 5, 10));
        assertTrue(e.getMessage().contains("control") && e.getMessage().contains("11")
                && e.getMessage().contains("10"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> TwoProportionTest.compare(1, 10, -1, 10));
        assertTrue(e.getMessage().contains("treatment") && e.getMessage().contains("-1"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> TwoProportionTest.compare(0, -5, 1, 10));
    }

    /**
     * A/A experiments: both groups convert at 10 %, so a correct test rejects at the 5 % level in 5 % of them and
     * the 95 % intervals contain the true difference (0) and lift (0) in 95 % of them. With 2,000 experiments
     * the observed rate has a standard deviation of √(0.05·0.95/2000) = 0.0049; the bounds are three of those.
     * A mistake in a standard error or a p-value (a lost factor 2, a variance for a standard deviation, a
     * one-sided p-value) moves these rates far outside.
     */
    @Test
    void underTheNullHypothesisFivePercentAreRejected() {
        Random random = new Random(20240611);
        int experiments = 2000;
        int usersPerGroup = 1000;
        int rejected = 0;
        int differenceMissed = 0;
        int liftMissed = 0;
        for (int e = 0; e < experiments; e++) {
            int control = conversions(random, usersPerGroup, 0.1);
            int treatment = conversions(random, usersPerGroup, 0.1);
            TwoProportionTest.Comparison c =
                    TwoProportionTest.compare(control, usersPerGroup, treatment, usersPerGroup).orElseThrow();
            if (c.pValue() < 0.05) {
                rejected++;
            }
            if (c.differenceLow() > 0 || c.differenceHigh() < 0) {
                differenceMissed++;
            }
            if (c.liftLow() > 0 || c.liftHigh() < 0) {
                liftMissed++;
            }
        }
        assertRate(rejected, experiments);
        assertRate(differenceMissed, experiments);
        assertRate(liftMissed, experiments);
    }

    private static int conversions(Random random, int users, double rate) {
        int converted = 0;
        for (int u = 0; u < users; u++) {
            if (random.nextDouble() < rate) {
                converted++;
            }
        }
        return converted;
    }

    private static void assertRate(int hits, int experiments) {
        double rate = (double) hits / experiments;
        assertTrue(rate >= 0.035 && rate <= 0.065, "rate " + rate + " outside [0.035, 0.065]");
    }
}
