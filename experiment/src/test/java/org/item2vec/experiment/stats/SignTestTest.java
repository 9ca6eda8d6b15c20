package org.item2vec.experiment.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeout;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Reference values are exact: 2 · Σ_{i ≤ k} C(n, i) / 2ⁿ in rational arithmetic (Python's math.comb), or, for
 * n = 10⁷, the same sum in 40-digit mpmath.
 */
class SignTestTest {

    @Test
    void smallCountsExactly() {
        assertEquals(0.0625, SignTest.twoSidedP(5, 0), 1e-15);       // 2 · 1/32
        assertEquals(0.021484375, SignTest.twoSidedP(9, 1), 1e-15);  // 2 · (1 + 10)/1024 = 11/512
        assertEquals(0.125, SignTest.twoSidedP(6, 1), 1e-15);        // 2 · (1 + 7)/128
        assertEquals(1.0, SignTest.twoSidedP(10, 10));
        assertEquals(1.0, SignTest.twoSidedP(1, 0));                 // 2 · 1/2
        assertEquals(1.0, SignTest.twoSidedP(0, 0));
    }

    @Test
    void hundredsOfComparisons() {
        // 2 · Σ_{k ≤ 40} C(100, k) / 2¹⁰⁰
        Close.relatively(0.05688793364098079, SignTest.twoSidedP(60, 40), 1e-12);
        assertEquals(SignTest.twoSidedP(60, 40), SignTest.twoSidedP(40, 60));
        Close.relatively(0.03299261842647618, SignTest.twoSidedP(30, 50), 1e-12);
        Close.relatively(2.7284641560660184e-10, SignTest.twoSidedP(400, 600), 1e-12);
        // The relative error grows with n, through ln Γ(n + 1).
        Close.relatively(0.010191041523412898, SignTest.twoSidedP(2900, 3100), 1e-10);
    }

    @Test
    void tenMillionComparisons() {
        Close.relatively(0.057821285315837547, SignTest.twoSidedP(5_003_000, 4_997_000), 1e-7);
        assertTimeout(Duration.ofSeconds(1), () -> {
            assertEquals(1.0, SignTest.twoSidedP(5_000_000, 5_000_000));
            // The true value, about e^(−2000), is far below the smallest double.
            double p = SignTest.twoSidedP(5_100_000, 4_900_000);
            assertTrue(p >= 0 && p < 1e-300, "p = " + p);
        });
    }

    @Test
    void negativeCountsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> SignTest.twoSidedP(-1, 3));
    }
}
