package org.item2vec.streaming.attribution;

import org.item2vec.events.sessions.EventType;
import org.item2vec.streaming.events.Click;

/** A click or booking of an item by the user, the outcome the attribution job credits to impressions. */
public record Engagement(String user, String item, long timestampMs, Type type) implements UserEvent {
    /** Views and clicks both count as clicks: each shows interest in a listed item. */
    public enum Type {
        CLICK, BOOKING
    }

    public static Engagement of(Click click) {
        return new Engagement(click.user(), click.item(), click.timestampMs(),
                click.event().type() == EventType.BOOK ? Type.BOOKING : Type.CLICK);
    }
}
