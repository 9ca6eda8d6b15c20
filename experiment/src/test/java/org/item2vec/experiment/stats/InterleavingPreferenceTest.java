package org.item2vec.experiment.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class InterleavingPreferenceTest {

    @Test
    void bPreferred() {
        // Δ = (50 + 20/2) / (30 + 50 + 20) − 0.5 = 60/100 − 0.5 = 0.1; sign test of 30 against 50
        InterleavingPreference.Result r = InterleavingPreference.of(30, 50, 20);
        assertEquals(0.1, r.delta(), 1e-15);
        assertEquals(80, r.decided());
        Close.relatively(0.03299261842647618, r.pValue(), 1e-12); // 2 · Σ_{k ≤ 30} C(80, k) / 2⁸⁰
    }

    @Test
    void aPreferredIsNegative() {
        InterleavingPreference.Result r = InterleavingPreference.of(50, 30, 20);
        assertEquals(-0.1, r.delta(), 1e-15);
        assertEquals(InterleavingPreference.of(30, 50, 20).pValue(), r.pValue());
    }

    @Test
    void tiesPullTowardsNoPreferenceButDoNotEnterTheTest() {
        // Δ = (5 + 0) / (0 + 5 + 0) − 0.5 = 0.5 without ties, (5 + 95/2) / 100 − 0.5 = 0.025 with 95 ties
        assertEquals(0.5, InterleavingPreference.of(0, 5, 0).delta(), 1e-15);
        InterleavingPreference.Result r = InterleavingPreference.of(0, 5, 95);
        assertEquals(0.025, r.delta(), 1e-15);
        assertEquals(0.0625, r.pValue(), 1e-15);
        assertEquals(5, r.decided());
    }

    @Test
    void evenlySplitOrNoOutcomes() {
        assertEquals(new InterleavingPreference.Result(0, 1, 20), InterleavingPreference.of(10, 10, 5));
        assertEquals(new InterleavingPreference.Result(0, 1, 0), InterleavingPreference.of(0, 0, 0));
        assertEquals(new InterleavingPreference.Result(0, 1, 0), InterleavingPreference.of(0, 0, 7));
    }

    @Test
    void negativeCountsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> InterleavingPreference.of(1, 2, -3));
    }
}
