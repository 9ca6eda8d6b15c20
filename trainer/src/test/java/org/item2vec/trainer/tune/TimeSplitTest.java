package org.item2vec.trainer.tune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.item2vec.events.sessions.Session;
import org.junit.jupiter.api.Test;

class TimeSplitTest {
    private static final long HOUR = 3_600_000;

    private static List<Session> hourly(int count) {
        List<Session> sessions = new ArrayList<>();
        for (int i = count - 1; i >= 0; i--) { // newest first: the split orders them itself
            sessions.add(new Session("u" + i, List.of("a", "b"), null, i * HOUR, i * HOUR + 60_000));
        }
        return sessions;
    }

    @Test
    void theLastDayIsHeldOutAndTrainingComesBeforeIt() {
        TimeSplit split = TimeSplit.of(hourly(100), Duration.ofDays(1), 0.5);
        assertEquals(24, split.heldOut().size());
        assertEquals(76, split.training().size());
        long lastTrained = split.training().get(split.training().size() - 1).endMs();
        assertTrue(split.heldOut().stream().allMatch(s -> s.endMs() > lastTrained));
    }

    @Test
    void aShortHistoryHoldsOutNoMoreThanTheShareAllowed() {
        TimeSplit split = TimeSplit.of(hourly(30), Duration.ofDays(1), 0.2);
        assertEquals(6, split.heldOut().size());
    }

    @Test
    void aSplitWithNothingOnOneSideIsAClearError() {
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
                () -> TimeSplit.of(hourly(1), Duration.ofDays(1), 0.2));
        assertTrue(none.getMessage().contains("cannot split 1 sessions"), none.getMessage());
        assertThrows(IllegalArgumentException.class, () -> TimeSplit.of(hourly(10), Duration.ofDays(1), 1.5));
    }
}
