package org.item2vec.experiment.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** p-values were checked to 17 digits with {@code mpmath.gammainc(k/2, x/2, inf, regularized=True)}. */
class SampleRatioCheckTest {

    @Test
    void aFiftyFiftySplitWithinChance() {
        // expected 5000 each: χ² = 50²/5000 + 50²/5000 = 1.0, 1 degree of freedom, p = erfc(√(1/2)) = 0.3173
        SampleRatioCheck.Result r = SampleRatioCheck.test(new long[] {5050, 4950}, new double[] {0.5, 0.5});
        assertEquals(1.0, r.chiSquare(), 1e-12);
        assertEquals(1, r.degreesOfFreedom());
        Close.relatively(0.31731050786291415, r.pValue(), 1e-12);
        assertFalse(r.mismatch());
    }

    @Test
    void aFiftyTwoFortyEightSplitIsAMismatch() {
        // χ² = 200²/5000 + 200²/5000 = 16, p = erfc(√8) = 6.33e-5 < 0.001
        SampleRatioCheck.Result r = SampleRatioCheck.test(new long[] {5200, 4800}, new double[] {0.5, 0.5});
        assertEquals(16.0, r.chiSquare(), 1e-12);
        Close.relatively(6.33424836662398425e-05, r.pValue(), 1e-12);
        assertTrue(r.mismatch());
    }

    @Test
    void theThresholdIsOnePerMille() {
        // χ² = 2·165²/5000 = 10.89 → p = 0.000967; χ² = 2·160²/5000 = 10.24 → p = 0.001374
        SampleRatioCheck.Result above = SampleRatioCheck.test(new long[] {5165, 4835}, new double[] {1, 1});
        Close.relatively(0.000966848284767554402, above.pValue(), 1e-12);
        assertTrue(above.mismatch());
        SampleRatioCheck.Result below = SampleRatioCheck.test(new long[] {5160, 4840}, new double[] {1, 1});
        Close.relatively(0.00137427587583169691, below.pValue(), 1e-12);
        assertFalse(below.mismatch());
    }

    @Test
    void threeVariantsWithUnequalWeights() {
        // weights 2:1:1 of 10,000 expect 5000, 2500, 2500:
        // χ² = 0²/5000 + 100²/2500 + 100²/2500 = 8, 2 degrees of freedom, p = e^(−8/2) = 0.0183
        SampleRatioCheck.Result r =
                SampleRatioCheck.test(new long[] {5000, 2600, 2400}, new double[] {2, 1, 1});
        assertEquals(8.0, r.chiSquare(), 1e-12);
        assertEquals(2, r.degreesOfFreedom());
        Close.relatively(0.0183156388887341803, r.pValue(), 1e-12);
        assertFalse(r.mismatch());
    }

    @Test
    void weightsAreNormalised() {
        long[] observed = {5000, 2600, 2400};
        SampleRatioCheck.Result halves = SampleRatioCheck.test(observed, new double[] {0.5, 0.25, 0.25});
        SampleRatioCheck.Result percent = SampleRatioCheck.test(observed, new double[] {50, 25, 25});
        assertEquals(halves.chiSquare(), percent.chiSquare(), 1e-12);
        assertEquals(halves.pValue(), percent.pValue(), 1e-15);
    }

    @Test
    void aVariantWithoutWeightOrObservationsIsLeftOut() {
        SampleRatioCheck.Result r = SampleRatioCheck.test(new long[] {5050, 0, 4950}, new double[] {1, 0, 1});
        assertEquals(1.0, r.chiSquare(), 1e-12);
        assertEquals(1, r.degreesOfFreedom());
        Close.relatively(0.31731050786291415, r.pValue(), 1e-12);
    }

    @Test
    void observationsInAVariantWithoutWeightAreACertainMismatch() {
        SampleRatioCheck.Result r = SampleRatioCheck.test(new long[] {5000, 1, 5000}, new double[] {1, 0, 1});
        assertEquals(Double.MAX_VALUE, r.chiSquare());
        assertEquals(2, r.degreesOfFreedom());
        assertEquals(0, r.pValue());
        assertTrue(r.mismatch());
    }

    @Test
    void noObservationsIsNoMismatch() {
        SampleRatioCheck.Result r = SampleRatioCheck.test(new long[] {0, 0}, new double[] {0.5, 0.5});
        assertEquals(new SampleRatioCheck.Result(0, 1, 1, false), r);
    }

    @Test
    void aSingleVariantHasNothingToCompare() {
        SampleRatioCheck.Result r = SampleRatioCheck.test(new long[] {700, 0}, new double[] {1, 0});
        assertEquals(new SampleRatioCheck.Result(0, 0, 1, false), r);
    }

    @Test
    void invalidArgumentsAreRejected() {
        assertThrows(IllegalArgumentException.class,
                () -> SampleRatioCheck.test(new long[] {1, 2}, new double[] {1}));
        assertThrows(IllegalArgumentException.class, () -> SampleRatioCheck.test(new long[0], new double[0]));
        assertThrows(IllegalArgumentException.class,
                () -> SampleRatioCheck.test(new long[] {1, -2}, new double[] {1, 1}));
        assertThrows(IllegalArgumentException.class,
                () -> SampleRatioCheck.test(new long[] {1, 2}, new double[] {1, -1}));
        assertThrows(IllegalArgumentException.class,
                () -> SampleRatioCheck.test(new long[] {1, 2}, new double[] {1, Double.NaN}));
        assertThrows(IllegalArgumentException.class,
                () -> SampleRatioCheck.test(new long[] {1, 2}, new double[] {1, Double.POSITIVE_INFINITY}));
        assertThrows(IllegalArgumentException.class,
                () -> SampleRatioCheck.test(new long[] {1, 2}, new double[] {0, 0}));
    }
}
