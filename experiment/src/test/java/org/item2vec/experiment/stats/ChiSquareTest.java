package org.item2vec.experiment.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Reference values computed to 40 digits with {@code mpmath.gammainc(k/2, x/2, inf, regularized=True)}. */
class ChiSquareTest {

    @Test
    void criticalValuesOfTextbookTables() {
        Close.relatively(0.05, ChiSquare.survival(3.841458820694124, 1), 1e-12);
        Close.relatively(0.05, ChiSquare.survival(5.991464547107979, 2), 1e-12);
        Close.relatively(0.05, ChiSquare.survival(7.814727903251178, 3), 1e-12);
        Close.relatively(0.001, ChiSquare.survival(10.827566170662733, 1), 1e-12);
    }

    @Test
    void zeroAndBelowAreCertainInfinityImpossible() {
        for (int df = 1; df <= 10; df++) {
            assertEquals(1, ChiSquare.survival(0, df));
            assertEquals(1, ChiSquare.survival(-1, df));
            assertEquals(0, ChiSquare.survival(Double.POSITIVE_INFINITY, df));
        }
    }

    @Test
    void twoDegreesOfFreedomIsTheExponentialDistribution() {
        // Q(1, y) = e^(−y): x < 4 goes through the series, x ≥ 4 through the continued fraction.
        for (double x : new double[] {0.1, 1, 3.9, 4.1, 10, 50, 700}) {
            Close.relatively(Math.exp(-x / 2), ChiSquare.survival(x, 2), 1e-13);
        }
    }

    @Test
    void oneDegreeOfFreedomIsASquaredNormal() {
        // P(Z² > x) = P(|Z| > √x)
        for (double x : new double[] {0.01, 0.5, 2, 3, 9, 40, 200}) {
            Close.relatively(Normal.twoSidedP(Math.sqrt(x)), ChiSquare.survival(x, 1), 1e-12);
        }
    }

    @Test
    void otherDegreesOfFreedom() {
        Close.relatively(0.992123293232629592, ChiSquare.survival(0.5, 5), 1e-13);
        Close.relatively(0.000856641210775300392, ChiSquare.survival(30, 10), 1e-13);
        Close.relatively(1.55415943138960492e-21, ChiSquare.survival(100, 3), 1e-13);
        Close.relatively(7.76693640353917707e-15, ChiSquare.survival(250, 100), 1e-12);
    }

    @Test
    void invalidArgumentsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> ChiSquare.survival(Double.NaN, 1));
        assertThrows(IllegalArgumentException.class, () -> ChiSquare.survival(1, 0));
    }
}
