package org.item2vec.streaming.attribution;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import org.item2vec.service.status.Metrics;
import org.item2vec.streaming.events.RejectReason;

/** The counters the attribution job bumps, registered in the service's {@link Metrics} for {@code /metrics}. */
public final class AttributionMetrics {
    private final LongAdder impressions;
    private final LongAdder attributedClicks;
    private final LongAdder attributedBookings;
    private final LongAdder badImpressions;
    private final LongAdder unreadableClicks;
    private final Map<RejectReason, LongAdder> deadLetters = new EnumMap<>(RejectReason.class);

    public AttributionMetrics(Metrics metrics) {
        impressions = metrics.counter("impressions_total", "Impressions read by the attribution job");
        attributedClicks = metrics.counter("attributed_clicks_total",
                "Clicks credited to at least one impression");
        attributedBookings = metrics.counter("attributed_bookings_total",
                "Bookings credited to at least one impression");
        badImpressions = metrics.counter("bad_impressions_total",
                "Impression records sent to the impression dead-letter topic");
        unreadableClicks = metrics.counter("attribution_unreadable_clicks_total",
                "Click records the attribution job skipped as invalid (the session topology dead-letters them)");
        for (RejectReason reason : RejectReason.values()) {
            deadLetters.put(reason, metrics.counter("attribution_dead_letters_total",
                    "Records the attribution job could not write or process, sent to a dead-letter topic",
                    "reason=\"" + reason.code() + "\""));
        }
    }

    /** A record the attribution job sent to a dead-letter topic after a failure, by reason. */
    public void deadLetter(RejectReason reason) {
        deadLetters.get(reason).increment();
    }

    public long deadLetters(RejectReason reason) {
        return deadLetters.get(reason).sum();
    }

    void impression() {
        impressions.increment();
    }

    void attributed(Engagement.Type type) {
        (type == Engagement.Type.BOOKING ? attributedBookings : attributedClicks).increment();
    }

    void badImpression() {
        badImpressions.increment();
    }

    void unreadableClick() {
        unreadableClicks.increment();
    }

    public long impressions() {
        return impressions.sum();
    }

    public long attributedClicks() {
        return attributedClicks.sum();
    }

    public long attributedBookings() {
        return attributedBookings.sum();
    }

    public long badImpressions() {
        return badImpressions.sum();
    }

    public long unreadableClicks() {
        return unreadableClicks.sum();
    }
}
