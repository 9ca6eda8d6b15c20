package org.item2vec.streaming.attribution;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * A click or booking the job still holds, with the impression it is credited to in each experiment (by the
 * impression's id among the user's held impressions).
 */
final class HeldEngagement {
    private final String item;
    private final long timestampMs;
    private final Engagement.Type type;
    private final Map<String, Long> creditedTo;

    HeldEngagement(String item, long timestampMs, Engagement.Type type, Map<String, Long> creditedTo) {
        this.item = item;
        this.timestampMs = timestampMs;
        this.type = type;
        this.creditedTo = new TreeMap<>(creditedTo);
    }

    static HeldEngagement of(Engagement engagement) {
        return new HeldEngagement(engagement.item(), engagement.timestampMs(), engagement.type(), Map.of());
    }

    String item() {
        return item;
    }

    long timestampMs() {
        return timestampMs;
    }

    Engagement.Type type() {
        return type;
    }

    /** Experiment id to the id of the impression that has the credit in that experiment. */
    Map<String, Long> creditedTo() {
        return Collections.unmodifiableMap(creditedTo);
    }

    boolean isAttributed() {
        return !creditedTo.isEmpty();
    }

    void creditTo(HeldImpression impression) {
        creditedTo.put(impression.experiment(), impression.id());
    }
}
