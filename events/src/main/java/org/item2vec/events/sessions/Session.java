package org.item2vec.events.sessions;

import java.util.List;

/**
 * A finished session: the items in click order, the booked item or {@code null}, and its time span.
 */
public record Session(String user, List<String> items, String booked, long startMs, long endMs) {
    public Session {
        items = List.copyOf(items);
    }

    /** A session's id: its user and its start, which together identify it across restarts. */
    public static String id(String user, long startMs) {
        return user + "@" + startMs;
    }
}
