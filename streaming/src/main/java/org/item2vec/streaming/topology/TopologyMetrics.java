package org.item2vec.streaming.topology;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import org.item2vec.service.status.Metrics;
import org.item2vec.streaming.events.RejectReason;

/** The counters the topology bumps, registered in the service's {@link Metrics} for {@code /metrics}. */
public final class TopologyMetrics {
    private final LongAdder clicks;
    private final LongAdder sessions;
    private final LongAdder updates;
    private final LongAdder overflowingClicks;
    private final LongAdder unreadableListings;
    private final Map<RejectReason, LongAdder> rejected = new EnumMap<>(RejectReason.class);

    public TopologyMetrics(Metrics metrics) {
        clicks = metrics.counter("clicks_total", "Valid click events read");
        sessions = metrics.counter("sessions_total", "Finished sessions written");
        updates = metrics.counter("session_updates_total", "Session updates written");
        overflowingClicks = metrics.counter("overflowing_clicks_total",
                "Clicks not kept because their session reached the per-session cap");
        unreadableListings = metrics.counter("unreadable_listings_total",
                "Lookups that found a listing record that is not valid JSON metadata");
        for (RejectReason reason : RejectReason.values()) {
            rejected.put(reason, metrics.counter("dead_letters_total", "Input records sent to the dead-letter topic",
                    "reason=\"" + reason.code() + "\""));
        }
    }

    void click() {
        clicks.increment();
    }

    void session() {
        sessions.increment();
    }

    void update() {
        updates.increment();
    }

    void overflow() {
        overflowingClicks.increment();
    }

    void unreadableListing() {
        unreadableListings.increment();
    }

    public void rejected(RejectReason reason) {
        rejected.get(reason).increment();
    }

    public long clicks() {
        return clicks.sum();
    }

    public long sessions() {
        return sessions.sum();
    }

    public long deadLetters() {
        return rejected.values().stream().mapToLong(LongAdder::sum).sum();
    }

    public long deadLetters(RejectReason reason) {
        return rejected.get(reason).sum();
    }
}
