package org.item2vec.streaming.events;

import org.item2vec.events.sessions.ClickEvent;

/**
 * A valid click event as it travels through the topology: the event the sessionizer understands, plus the
 * market when the event or the listing metadata names one.
 *
 * @param market the listing's market, or {@code null} when unknown
 */
public record Click(ClickEvent event, String market) {
    public String user() {
        return event.user();
    }

    public String item() {
        return event.item();
    }

    public long timestampMs() {
        return event.timestampMs();
    }

    public Click withMarket(String newMarket) {
        return new Click(event, newMarket);
    }
}
