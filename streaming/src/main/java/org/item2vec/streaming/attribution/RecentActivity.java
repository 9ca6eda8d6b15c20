package org.item2vec.streaming.attribution;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.item2vec.experiment.events.Impression;

/**
 * One user's impressions and engagements of the last attribution window of stream time, in the order they arrived.
 * Impressions are held for the clicks that may still come; engagements for the impressions that may still arrive,
 * since the two topics are read independently.
 */
final class RecentActivity {
    private long nextImpressionId;
    private final List<HeldImpression> impressions;
    private final List<HeldEngagement> engagements;

    RecentActivity() {
        this(0, new ArrayList<>(), new ArrayList<>());
    }

    RecentActivity(long nextImpressionId, List<HeldImpression> impressions, List<HeldEngagement> engagements) {
        this.nextImpressionId = nextImpressionId;
        this.impressions = impressions;
        this.engagements = engagements;
    }

    long nextImpressionId() {
        return nextImpressionId;
    }

    List<HeldImpression> impressions() {
        return impressions;
    }

    List<HeldEngagement> engagements() {
        return engagements;
    }

    HeldImpression hold(Impression impression) {
        HeldImpression held = HeldImpression.of(nextImpressionId++, impression);
        impressions.add(held);
        return held;
    }

    HeldEngagement hold(Engagement engagement) {
        HeldEngagement held = HeldEngagement.of(engagement);
        engagements.add(held);
        return held;
    }

    /** The held impression with this id; empty once it has expired, and with it the credits it has, for good. */
    Optional<HeldImpression> impression(long id) {
        return impressions.stream().filter(impression -> impression.id() == id).findFirst();
    }

    /**
     * Forgets the impressions and engagements that happened before {@code cutoffMs}.
     *
     * @return whether anything was forgotten
     */
    boolean forgetBefore(long cutoffMs) {
        boolean forgotImpressions = impressions.removeIf(impression -> impression.timestampMs() < cutoffMs);
        boolean forgotEngagements = engagements.removeIf(engagement -> engagement.timestampMs() < cutoffMs);
        return forgotImpressions || forgotEngagements;
    }

    boolean isEmpty() {
        return impressions.isEmpty() && engagements.isEmpty();
    }
}
