package org.item2vec.trainer.retrain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.item2vec.trainer.retrain.SessionHistory.Session;
import org.junit.jupiter.api.Test;

class HeldOutSplitTest {
    private static final long HOUR = Duration.ofHours(1).toMillis();

    private static Session endingAt(long endMs) {
        return new Session(new int[] {0, 1}, SessionHistory.NOT_BOOKED, endMs, 0, endMs);
    }

    /** Sessions ending on the hour, 0 to {@code n - 1}, in an order that is not their end order. */
    private static List<Session> hourly(int n) {
        List<Session> sessions = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            sessions.add(endingAt((n - 1 - i * 7L % n) * HOUR));
        }
        return sessions;
    }

    private static List<Long> ends(List<Session> sessions) {
        return sessions.stream().map(Session::endMs).toList();
    }

    private static List<Long> hours(long from, long to) {
        return LongStream.range(from, to).map(h -> h * HOUR).boxed().toList();
    }

    @Test
    void theSessionsThatEndedWithinTheHoldoutOfTheNewestAreHeldOut() {
        List<Session> sessions = hourly(10);
        List<Session> unchanged = List.copyOf(sessions);
        HeldOutSplit split = HeldOutSplit.of(sessions, Duration.ofMinutes(150), 0.5);

        assertEquals(hours(0, 7), ends(split.training()), "the rest, by end time");
        assertEquals(hours(7, 10), ends(split.heldOut()), "ended after 9 h - 2.5 h, by end time");
        assertEquals(7 * HOUR, split.cutoffMs());
        assertEquals(unchanged, sessions, "the caller's list is left as it was");
    }

    @Test
    void noMoreThanTheMaximumFractionIsHeldOut() {
        HeldOutSplit split = HeldOutSplit.of(hourly(10), Duration.ofDays(30), 0.25);

        assertEquals(hours(8, 10), ends(split.heldOut()), "floor(10 × 0.25) = 2, the newest");
        assertEquals(hours(0, 8), ends(split.training()));
        assertEquals(8 * HOUR, split.cutoffMs());
    }

    @Test
    void aHistoryTooShortToSpareASessionIsAllTraining() {
        HeldOutSplit split = HeldOutSplit.of(hourly(3), Duration.ofDays(1), 0.2);

        assertEquals(hours(0, 3), ends(split.training()));
        assertEquals(List.of(), split.heldOut());
        assertEquals(Long.MAX_VALUE, split.cutoffMs());
    }

    @Test
    void aHoldoutShorterThanTheGapBeforeTheNewestHoldsOutOnlyTheNewest() {
        HeldOutSplit split = HeldOutSplit.of(hourly(10), Duration.ofMinutes(30), 0.5);

        assertEquals(hours(9, 10), ends(split.heldOut()));
        assertEquals(9, split.training().size());
    }

    @Test
    void noSessionsSplitIntoNothing() {
        HeldOutSplit split = HeldOutSplit.of(List.of(), Duration.ofHours(1), 0.2);

        assertEquals(List.of(), split.training());
        assertEquals(List.of(), split.heldOut());
        assertEquals(Long.MAX_VALUE, split.cutoffMs());
    }
}
