package org.item2vec.streaming.attribution;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.item2vec.experiment.events.ExperimentCounts;
import org.item2vec.experiment.events.Impression;
import org.item2vec.experiment.events.VariantCounts;

/**
 * An impression the job still holds, with the clicks and bookings credited to it so far, per team. The team of an
 * item is the variant that put it in the list: the impression's variant in an A/B list, the item's entry of
 * {@code teams} in an interleaved one.
 */
final class HeldImpression {
    private final long id;
    private final String experiment;
    private final String variant;
    private final List<String> items;
    private final List<String> teams;
    private final long timestampMs;
    private final TeamCounts clicks;
    private final TeamCounts bookings;

    /** @param id unique among the impressions of the user held at the same time, so that engagements can point at it */
    HeldImpression(long id, String experiment, String variant, List<String> items, List<String> teams,
                   long timestampMs, TeamCounts clicks, TeamCounts bookings) {
        this.id = id;
        this.experiment = experiment;
        this.variant = variant;
        this.items = List.copyOf(items);
        this.teams = List.copyOf(teams);
        this.timestampMs = timestampMs;
        this.clicks = clicks;
        this.bookings = bookings;
    }

    static HeldImpression of(long id, Impression impression) {
        return new HeldImpression(id, impression.experiment(), impression.variant(), impression.items(),
                impression.teams(), impression.timestampMs(), new TeamCounts(), new TeamCounts());
    }

    long id() {
        return id;
    }

    String experiment() {
        return experiment;
    }

    String variant() {
        return variant;
    }

    List<String> items() {
        return items;
    }

    List<String> teams() {
        return teams;
    }

    long timestampMs() {
        return timestampMs;
    }

    TeamCounts clicks() {
        return clicks;
    }

    TeamCounts bookings() {
        return bookings;
    }

    boolean interleaved() {
        return !teams.isEmpty();
    }

    /** The variants this list exposes its user to: each team that contributed an item, or the variant. */
    List<String> exposedVariants() {
        return interleaved() ? teams.stream().distinct().toList() : List.of(variant);
    }

    /** Whether the engagement is on a listed item, no earlier than the list was served and at most a window later. */
    boolean covers(HeldEngagement engagement, long windowMs) {
        long delay = engagement.timestampMs() - timestampMs;
        return delay >= 0 && delay <= windowMs && items.contains(engagement.item());
    }

    /** The team credited for an engagement on a listed item (its first place, should the list repeat it). */
    String teamOf(String item) {
        return interleaved() ? teams.get(items.indexOf(item)) : variant;
    }

    /**
     * Last touch: the later-served list takes the credit; of two served at the same time the one held first keeps
     * it.
     */
    boolean isMoreRecentThan(HeldImpression other) {
        return timestampMs > other.timestampMs;
    }

    /** Credits (delta +1) or withdraws (delta -1) an engagement on the item of {@code team}. */
    void credit(String team, Engagement.Type type, int delta) {
        (type == Engagement.Type.BOOKING ? bookings : clicks).add(team, delta);
    }

    /**
     * What this list adds to its experiment's counts: an exposure for each exposed variant, the clicks and bookings
     * credited to it, whether each team got a click, and for an interleaved list which team won it or that it is
     * tied.
     */
    ExperimentCounts contribution() {
        TeamCounts.Lead lead = interleaved() ? clicks.lead() : TeamCounts.Lead.NOBODY;
        Map<String, VariantCounts> variants = new TreeMap<>();
        for (String team : exposedVariants()) {
            long teamClicks = clicks.get(team);
            variants.put(team, new VariantCounts(1, 0, teamClicks, bookings.get(team), teamClicks > 0 ? 1 : 0,
                    0, 0, lead.isLeader(team) ? 1 : 0, 0));
        }
        return new ExperimentCounts(experiment, variants, lead.tied() ? 1 : 0, 0);
    }
}
