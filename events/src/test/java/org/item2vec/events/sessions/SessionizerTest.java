package org.item2vec.events.sessions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SessionizerTest {
    private static final long MINUTE = 60_000;
    private static final long GAP = 30 * MINUTE;

    private static ClickEvent click(String item, long t) {
        return new ClickEvent("u", item, t, EventType.CLICK);
    }

    private static ClickEvent click(String item, long t, long dwellMs) {
        return new ClickEvent("u", item, t, EventType.CLICK, dwellMs);
    }

    private static List<List<String>> items(List<Session> sessions) {
        List<List<String>> out = new ArrayList<>();
        for (Session s : sessions) {
            out.add(s.items());
        }
        return out;
    }

    @Test
    void gapOfExactlyThirtyMinutesKeepsOneSession() {
        List<Session> sessions = Sessionizer.cut(List.of(click("a", 0), click("b", GAP)), SessionRules.DEFAULT);
        assertEquals(List.of(List.of("a", "b")), items(sessions));
        assertEquals(0, sessions.get(0).startMs());
        assertEquals(GAP, sessions.get(0).endMs());
        assertEquals("u", sessions.get(0).user());
    }

    @Test
    void gapOneMillisecondLongerStartsANewSession() {
        List<Session> sessions = Sessionizer.cut(
                List.of(click("a", 0), click("b", 1000), click("c", 1000 + GAP + 1), click("d", 2000 + GAP + 1)),
                SessionRules.DEFAULT);
        assertEquals(List.of(List.of("a", "b"), List.of("c", "d")), items(sessions));
        assertEquals(1000 + GAP + 1, sessions.get(1).startMs());
    }

    @Test
    void gapIsMeasuredFromTheLastEventNotTheSessionStart() {
        // Each pause is 20 minutes: the session lasts an hour but never has a 30-minute gap.
        List<Session> sessions = Sessionizer.cut(
                List.of(click("a", 0), click("b", 20 * MINUTE), click("c", 40 * MINUTE), click("d", 60 * MINUTE)),
                SessionRules.DEFAULT);
        assertEquals(List.of(List.of("a", "b", "c", "d")), items(sessions));
    }

    @Test
    void customGapIsHonoured() {
        SessionRules rules = SessionRules.DEFAULT.withInactivityGap(Duration.ofSeconds(10));
        List<Session> sessions = Sessionizer.cut(
                List.of(click("a", 0), click("b", 10_000), click("c", 20_001), click("d", 21_000)), rules);
        assertEquals(List.of(List.of("a", "b"), List.of("c", "d")), items(sessions));
    }

    @Test
    void eventsOutOfOrderAreSortedByTime() {
        List<Session> sessions = Sessionizer.cut(
                List.of(click("c", 3000), click("a", 1000), click("b", 2000)), SessionRules.DEFAULT);
        assertEquals(List.of(List.of("a", "b", "c")), items(sessions));
        assertEquals(1000, sessions.get(0).startMs());
        assertEquals(3000, sessions.get(0).endMs());
    }

    @Test
    void outOfOrderEventsAreSortedBeforeCuttingByGap() {
        // In input order the gaps are huge; sorted, they are one minute apart.
        List<Session> sessions = Sessionizer.cut(
                List.of(click("c", 2 * MINUTE), click("a", 0), click("b", MINUTE)), SessionRules.DEFAULT);
        assertEquals(List.of(List.of("a", "b", "c")), items(sessions));
    }

    @Test
    void simultaneousEventsKeepTheirInputOrder() {
        List<Session> sessions = Sessionizer.cut(
                List.of(click("x", 5), click("y", 5), click("z", 5)), SessionRules.DEFAULT);
        assertEquals(List.of(List.of("x", "y", "z")), items(sessions));
    }

    @Test
    void accidentalClicksAreDroppedButKnownLongDwellAndUnknownDwellAreKept() {
        List<Session> sessions = Sessionizer.cut(List.of(
                click("a", 0, 45_000),
                click("accident", 1000, 29_999),
                click("b", 2000, 30_000),
                click("c", 3000)), SessionRules.DEFAULT);
        assertEquals(List.of(List.of("a", "b", "c")), items(sessions));
    }

    @Test
    void bookingWithShortDwellIsKept() {
        List<Session> sessions = Sessionizer.cut(List.of(
                click("a", 0),
                new ClickEvent("u", "b", 1000, EventType.BOOK, 1_000)), SessionRules.DEFAULT);
        assertEquals(List.of(List.of("a", "b")), items(sessions));
        assertEquals("b", sessions.get(0).booked());
    }

    @Test
    void accidentalClickStillCountsAsActivityForTheGap() {
        // a at 0, an accidental click at 20 min, b at 45 min: 25 min after the accidental click, so one session.
        List<Session> sessions = Sessionizer.cut(List.of(
                click("a", 0),
                click("accident", 20 * MINUTE, 1_000),
                click("b", 45 * MINUTE)), SessionRules.DEFAULT);
        assertEquals(List.of(List.of("a", "b")), items(sessions));
    }

    @Test
    void withoutTheAccidentalClickTheSameTimesMakeTwoSessions() {
        // Control for the test above: the 45-minute gap alone splits the clicks.
        List<Session> sessions = Sessionizer.cut(List.of(
                click("a", 0), click("a2", 1000),
                click("b", 45 * MINUTE), click("b2", 45 * MINUTE + 1000)), SessionRules.DEFAULT);
        assertEquals(List.of(List.of("a", "a2"), List.of("b", "b2")), items(sessions));
    }

    @Test
    void immediateRepeatsCollapse() {
        List<Session> sessions = Sessionizer.cut(List.of(
                click("a", 0), click("a", 1), click("b", 2), click("b", 3), click("b", 4), click("a", 5)),
                SessionRules.DEFAULT);
        assertEquals(List.of(List.of("a", "b", "a")), items(sessions));
    }

    @Test
    void repeatsAreKeptWhenCollapsingIsOff() {
        SessionRules rules = SessionRules.DEFAULT.withCollapseRepeats(false);
        List<Session> sessions = Sessionizer.cut(List.of(
                click("a", 0), click("a", 1), click("b", 2), click("b", 3)), rules);
        assertEquals(List.of(List.of("a", "a", "b", "b")), items(sessions));
    }

    @Test
    void sessionsShorterThanTheMinimumAreDropped() {
        List<Session> sessions = Sessionizer.cut(List.of(
                click("lonely", 0),
                click("a", 2 * GAP), click("b", 2 * GAP + 1),
                click("alone", 4 * GAP)), SessionRules.DEFAULT);
        assertEquals(List.of(List.of("a", "b")), items(sessions));
    }

    @Test
    void collapsedRepeatsCountOnceTowardsTheMinimumLength() {
        List<Session> sessions = Sessionizer.cut(List.of(click("a", 0), click("a", 1)), SessionRules.DEFAULT);
        assertTrue(sessions.isEmpty(), "a reload of a single item is a one-item session");
    }

    @Test
    void minLengthOneKeepsSingleItemSessions() {
        List<Session> sessions = Sessionizer.cut(List.of(click("a", 0)), SessionRules.DEFAULT.withMinLength(1));
        assertEquals(List.of(List.of("a")), items(sessions));
    }

    @Test
    void noEventsGiveNoSessions() {
        assertTrue(Sessionizer.cut(List.of(), SessionRules.DEFAULT).isEmpty());
    }

    @Test
    void bookEventMarksTheBookedItemOnlyInItsSession() {
        List<Session> sessions = Sessionizer.cut(List.of(
                click("a", 0), click("b", 1000), new ClickEvent("u", "b", 2000, EventType.BOOK),
                click("c", 2000 + GAP + 1), click("d", 3000 + GAP + 1)), SessionRules.DEFAULT);
        assertEquals(2, sessions.size());
        assertEquals(List.of("a", "b"), sessions.get(0).items(), "the booking repeats b and collapses");
        assertEquals("b", sessions.get(0).booked());
        assertNull(sessions.get(1).booked());
    }

    @Test
    void sessionWithoutBookingHasNullBooked() {
        List<Session> sessions = Sessionizer.cut(List.of(click("a", 0), new ClickEvent("u", "b", 1, EventType.VIEW)),
                SessionRules.DEFAULT);
        assertNull(sessions.get(0).booked());
    }

    @Test
    void inputListIsNotModified() {
        List<ClickEvent> events = new ArrayList<>(List.of(click("b", 2), click("a", 1)));
        Sessionizer.cut(events, SessionRules.DEFAULT);
        assertEquals("b", events.get(0).item());
    }

    @Test
    void rulesRejectZeroOrNegativeGap() {
        assertThrows(IllegalArgumentException.class,
                () -> new SessionRules(Duration.ZERO, 2, true, Duration.ofSeconds(30)));
        assertThrows(IllegalArgumentException.class,
                () -> new SessionRules(Duration.ofMinutes(-1), 2, true, Duration.ofSeconds(30)));
        assertThrows(IllegalArgumentException.class, () -> SessionRules.DEFAULT.withInactivityGap(Duration.ZERO));
    }

    @Test
    void rulesRejectMinLengthBelowOne() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SessionRules.DEFAULT.withMinLength(0));
        assertTrue(e.getMessage().contains("0"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SessionRules.DEFAULT.withMinLength(-3));
    }

    @Test
    void rulesRejectNegativeMinDwell() {
        assertThrows(IllegalArgumentException.class,
                () -> new SessionRules(Duration.ofMinutes(30), 2, true, Duration.ofSeconds(-1)));
    }

    @Test
    void defaultsAreAirbnbs() {
        assertEquals(Duration.ofMinutes(30), SessionRules.DEFAULT.inactivityGap());
        assertEquals(2, SessionRules.DEFAULT.minLength());
        assertTrue(SessionRules.DEFAULT.collapseRepeats());
        assertEquals(Duration.ofSeconds(30), SessionRules.DEFAULT.minDwell());
    }

    @Test
    void keepsDecidesByDwellAndType() {
        SessionRules rules = SessionRules.DEFAULT;
        assertTrue(rules.keeps(click("a", 0)));
        assertTrue(rules.keeps(click("a", 0, 30_000)));
        assertFalse(rules.keeps(click("a", 0, 29_999)));
        assertFalse(rules.keeps(click("a", 0, 0)));
        assertTrue(rules.keeps(new ClickEvent("u", "a", 0, EventType.BOOK, 0)));
        assertFalse(rules.keeps(new ClickEvent("u", "a", 0, EventType.VIEW, 10)));
    }
}
