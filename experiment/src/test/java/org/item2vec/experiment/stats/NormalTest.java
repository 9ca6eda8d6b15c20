package org.item2vec.experiment.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Reference values computed to 40 digits with mpmath ({@code mpmath.erfc}, {@code mpmath.erfinv}). */
class NormalTest {

    @Test
    void cdfAtReferencePoints() {
        assertEquals(0.5, Normal.cdf(0));
        Close.relatively(0.9750021048517795, Normal.cdf(1.96), 1e-12);
        Close.relatively(0.0013498980316300945, Normal.cdf(-3), 1e-12);
        assertEquals(1, Normal.cdf(Double.POSITIVE_INFINITY));
        assertEquals(0, Normal.cdf(Double.NEGATIVE_INFINITY));
    }

    @Test
    void upperTailKeepsItsRelativeAccuracyFarOut() {
        Close.relatively(2.866515718791939e-07, Normal.upperTail(5), 1e-12);
        Close.relatively(6.2209605742717841e-16, Normal.upperTail(8), 1e-12);
        // 1 − Φ(38) would be 0; the tail itself is a (subnormal) double.
        Close.relatively(2.88542836006878431e-316, Normal.upperTail(38), 1e-6);
        assertEquals(1 - Normal.cdf(1.3), Normal.upperTail(1.3), 1e-16);
    }

    @Test
    void twoSidedP() {
        Close.relatively(0.04999579029644087, Normal.twoSidedP(1.96), 1e-12);
        assertEquals(Normal.twoSidedP(1.96), Normal.twoSidedP(-1.96));
        assertEquals(1, Normal.twoSidedP(0));
        Close.relatively(0.05, Normal.twoSidedP(Normal.Z_95), 1e-13);
    }

    @Test
    void erfcOnBothSidesOfTheSwitchBetweenSeriesAndContinuedFraction() {
        double[][] reference = {
                {0.1, 0.887537083981715108}, {0.5, 0.479500122186953462}, {1.4, 0.0477148802373511895},
                {1.5, 0.0338948535246892729}, {1.6, 0.0236516166553559922}, {2, 0.00467773498104726584},
                {3.5, 7.43098372341412746e-7}, {5, 1.53745979442803485e-12}, {10, 2.08848758376254476e-45},
                {20, 5.39586561160790093e-176}, {26, 5.66319240885614285e-296},
                {-0.7, 1.67780119383741847}, {-1.5, 1.96610514647531073}, {-3, 1.99997790950300141}};
        for (double[] pair : reference) {
            Close.relatively(pair[1], Normal.erfc(pair[0]), 1e-13);
        }
        assertEquals(1, Normal.erfc(0));
        assertEquals(0, Normal.erfc(30));
        assertEquals(2, Normal.erfc(-30));
    }

    @Test
    void nanIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> Normal.cdf(Double.NaN));
    }
}
