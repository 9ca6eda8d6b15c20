package org.item2vec.experiment.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Reference values computed to 40 digits with {@code mpmath.loggamma}. */
class LogGammaTest {

    @Test
    void factorialsAndHalfIntegers() {
        assertEquals(0, LogGamma.of(1), 1e-15);                      // 0! = 1
        assertEquals(0, LogGamma.of(2), 1e-15);                      // 1! = 1
        Close.relatively(Math.log(3628800), LogGamma.of(11), 1e-15); // 10!
        Close.relatively(0.57236494292470008707, LogGamma.of(0.5), 1e-15); // ln √π
        Close.relatively(-0.12078223763524522235, LogGamma.of(1.5), 1e-14);
    }

    @Test
    void largeArguments() {
        Close.relatively(363.73937555556349014, LogGamma.of(101), 1e-15);
        Close.relatively(5908.6741758486774887, LogGamma.of(1000.5), 1e-15);
        Close.relatively(151180965.4875695649, LogGamma.of(10_000_001), 1e-15);
    }

    @Test
    void belowOneHalfIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> LogGamma.of(0.25));
    }
}
