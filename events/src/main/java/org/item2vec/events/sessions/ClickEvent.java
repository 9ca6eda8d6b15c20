package org.item2vec.events.sessions;

/**
 * One user action on one item.
 *
 * @param dwellMs time spent on the item in milliseconds, or -1 when unknown
 */
public record ClickEvent(String user, String item, long timestampMs, EventType type, long dwellMs) {
    public static final long UNKNOWN_DWELL = -1;

    public ClickEvent(String user, String item, long timestampMs, EventType type) {
        this(user, item, timestampMs, type, UNKNOWN_DWELL);
    }
}
