package org.item2vec.events.sessions;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Cuts one user's clicks into sessions by {@link SessionRules}. Pure logic, no I/O. */
public final class Sessionizer {
    private Sessionizer() {
    }

    /**
     * Returns the sessions of one user's events, in time order. Events are sorted by timestamp first
     * (stable, so simultaneous events keep their input order).
     */
    public static List<Session> cut(List<ClickEvent> eventsOfOneUser, SessionRules rules) {
        List<ClickEvent> events = new ArrayList<>(eventsOfOneUser);
        events.sort(Comparator.comparingLong(ClickEvent::timestampMs));
        long gapMs = rules.inactivityGap().toMillis();

        List<Session> sessions = new ArrayList<>();
        SessionInProgress current = null;
        long lastActivity = Long.MIN_VALUE;
        for (ClickEvent event : events) {
            // Any event, even an accidental click, is activity: it keeps the session open.
            if (current == null || event.timestampMs() - lastActivity > gapMs) {
                finish(current, rules, sessions);
                current = new SessionInProgress(event.user(), event.timestampMs());
            }
            lastActivity = event.timestampMs();
            if (rules.keeps(event)) {
                current.add(event, rules.collapseRepeats());
            }
        }
        finish(current, rules, sessions);
        return sessions;
    }

    private static void finish(SessionInProgress session, SessionRules rules, List<Session> out) {
        if (session != null && session.items.size() >= rules.minLength()) {
            out.add(new Session(session.user, session.items, session.booked, session.startMs, session.endMs));
        }
    }

    private static final class SessionInProgress {
        final String user;
        final long startMs;
        final List<String> items = new ArrayList<>();
        long endMs;
        String booked;

        SessionInProgress(String user, long startMs) {
            this.user = user;
            this.startMs = startMs;
            this.endMs = startMs;
        }

        void add(ClickEvent event, boolean collapseRepeats) {
            endMs = event.timestampMs();
            boolean repeat = !items.isEmpty() && items.get(items.size() - 1).equals(event.item());
            if (!(repeat && collapseRepeats)) {
                items.add(event.item());
            }
            if (event.type() == EventType.BOOK) {
                booked = event.item();
            }
        }
    }
}
