package org.item2vec.events.sessions;

import java.util.Locale;

/** What a user did with an item. A booking ends a session's purpose and marks its item as booked. */
public enum EventType {
    VIEW, CLICK, BOOK;

    /** Parses {@code view}, {@code click} or {@code book} in any case; an empty value means a click. */
    public static EventType parse(String value) {
        if (value == null || value.isBlank()) {
            return CLICK;
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "view" -> VIEW;
            case "click" -> CLICK;
            case "book", "booking", "purchase", "buy" -> BOOK;
            default -> throw new IllegalArgumentException(
                    "unknown event type '" + value + "' (expected view, click or book)");
        };
    }
}
