package org.item2vec.streaming;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.Collectors;
import org.item2vec.events.sessions.ClickEvent;
import org.item2vec.events.sessions.EventType;
import org.item2vec.events.sessions.SessionRules;
import org.item2vec.events.sessions.Sessionizer;

/**
 * A click log of many users with pauses that split sessions, repeats, accidental clicks and bookings, in a
 * slightly shuffled arrival order, and the sessions the batch {@link Sessionizer} cuts from it: what the
 * streaming topology must produce.
 */
public final class SyntheticClicks {
    private static final long MINUTE = 60_000;

    private final List<ClickEvent> log = new ArrayList<>();
    private final List<ClickEvent> arrival;

    public SyntheticClicks(int users, int clicksPerUser, long start, long seed) {
        this(users, clicksPerUser, start, 60 * MINUTE, seed);
    }

    /**
     * @param spreadMs users begin at random times within this span after {@code start}: days of it make a log
     *                 in which each moment sees clicks of a few users only, like a public click log
     */
    public SyntheticClicks(int users, int clicksPerUser, long start, long spreadMs, long seed) {
        Random random = new Random(seed);
        for (int u = 0; u < users; u++) {
            long t = start + (long) (random.nextDouble() * spreadMs) / MINUTE * MINUTE;
            for (int i = 0; i < clicksPerUser; i++) {
                // Distinct times per user: the order of simultaneous clicks is arbitrary in a stream.
                t += random.nextDouble() < 0.2 ? (20 + random.nextInt(30)) * MINUTE : (1 + random.nextInt(5)) * MINUTE;
                EventType type = random.nextDouble() < 0.05 ? EventType.BOOK : EventType.CLICK;
                long dwell = random.nextDouble() < 0.1 ? 5_000 : 60_000;
                log.add(new ClickEvent("user" + u, "i" + random.nextInt(12), t, type, dwell));
            }
        }
        arrival = new ArrayList<>(log);
        // Up to two minutes out of order, well within the grace period.
        long[] jitter = random.longs(log.size(), 0, 3).toArray();
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < log.size(); i++) {
            order.add(i);
        }
        order.sort(Comparator.comparingLong(i -> log.get(i).timestampMs() + jitter[i] * MINUTE));
        arrival.clear();
        order.forEach(i -> arrival.add(log.get(i)));
    }

    /** The clicks in the order they are published. */
    public List<ClickEvent> arrivalOrder() {
        return arrival;
    }

    public static String json(ClickEvent e) {
        return "{\"user\":\"" + e.user() + "\",\"item\":\"" + e.item() + "\",\"ts\":" + e.timestampMs()
                + ",\"type\":\"" + e.type().name().toLowerCase(Locale.ROOT) + "\""
                + (e.dwellMs() >= 0 ? ",\"dwellMs\":" + e.dwellMs() : "") + "}";
    }

    /** The expected sessions as sorted lines {@code user@start [items] booked=item}. */
    public List<String> expectedSessions(SessionRules rules) {
        return log.stream()
                .collect(Collectors.groupingBy(ClickEvent::user))
                .values().stream()
                .flatMap(events -> Sessionizer.cut(events, rules).stream())
                .map(s -> describe(s.user() + "@" + s.startMs(), s.items(), s.booked()))
                .sorted()
                .toList();
    }

    public static String describe(String sessionId, List<String> items, String booked) {
        return sessionId + " " + items + " booked=" + booked;
    }
}
