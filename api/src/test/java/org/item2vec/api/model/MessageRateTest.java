package org.item2vec.api.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class MessageRateTest {
    private static final long SECOND = 1_000_000_000L;

    @Test
    void measuresTheGrowthPerSecondOverTheWindow() {
        MessageRate rate = new MessageRate(Duration.ofSeconds(10));
        assertEquals(0, rate.perSecond(), "no samples");
        rate.record(0, 1000);
        assertEquals(0, rate.perSecond(), "one sample");
        rate.record(SECOND, 1100);
        rate.record(2 * SECOND, 1300);
        assertEquals(150, rate.perSecond(), 1e-9);
    }

    @Test
    void samplesOlderThanTheWindowLeaveButTheLastOneBeforeItStays() {
        MessageRate rate = new MessageRate(Duration.ofSeconds(10));
        rate.record(0, 0);
        rate.record(5 * SECOND, 5000);
        rate.record(16 * SECOND, 5000);
        assertEquals(0, rate.perSecond(), 1e-9, "nothing applied since the sample 11 s ago");
        rate.record(30 * SECOND, 5000 + 28_000);
        assertEquals(2000, rate.perSecond(), 1e-9, "14 s since the last sample before the window");
    }

    @Test
    void aCountThatFallsStartsAfresh() {
        MessageRate rate = new MessageRate(Duration.ofSeconds(10));
        rate.record(0, 0);
        rate.record(SECOND, 500);
        rate.record(2 * SECOND, 20);
        assertEquals(0, rate.perSecond(), "another store: one sample so far");
        rate.record(3 * SECOND, 70);
        assertEquals(50, rate.perSecond(), 1e-9);
    }
}
