package org.item2vec.streaming.attribution;

import java.util.Collections;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.item2vec.experiment.events.ExperimentCounts;
import org.item2vec.experiment.events.VariantCounts;

/**
 * What one user has done in one experiment over the experiment's whole life: the variants they were exposed to,
 * the clicks and bookings credited to each variant, and the clicks credited to each team of interleaved lists.
 * The distinct-user counts and the interleaving preference derive from it, which is why it is never expired.
 */
final class ExperimentUser {
    private final Set<String> exposed;
    private final TeamCounts clicks;
    private final TeamCounts bookings;
    private final TeamCounts interleavedClicks;
    /** Whether this object differs from what was read from the store: only then is it worth writing back. */
    private boolean changed;

    ExperimentUser() {
        this(new TreeSet<>(), new TeamCounts(), new TeamCounts(), new TeamCounts());
    }

    ExperimentUser(Set<String> exposed, TeamCounts clicks, TeamCounts bookings, TeamCounts interleavedClicks) {
        this.exposed = new TreeSet<>(exposed);
        this.clicks = clicks;
        this.bookings = bookings;
        this.interleavedClicks = interleavedClicks;
    }

    /** The store key: the experiment id's length first, so that no pair of ids can make the key of another pair. */
    static String key(String experiment, String user) {
        return experiment.length() + ":" + experiment + "/" + user;
    }

    Set<String> exposed() {
        return Collections.unmodifiableSet(exposed);
    }

    TeamCounts clicks() {
        return clicks;
    }

    TeamCounts bookings() {
        return bookings;
    }

    TeamCounts interleavedClicks() {
        return interleavedClicks;
    }

    void expose(String variant) {
        changed |= exposed.add(variant);
    }

    boolean changed() {
        return changed;
    }

    /** Credits (delta +1) or withdraws (delta -1) an engagement credited to {@code team}. */
    void credit(String team, Engagement.Type type, int delta, boolean interleaved) {
        changed = true;
        if (type == Engagement.Type.BOOKING) {
            bookings.add(team, delta);
            return;
        }
        clicks.add(team, delta);
        if (interleaved) {
            interleavedClicks.add(team, delta);
        }
    }

    /**
     * What this user adds to the experiment's counts: one user for each variant they were exposed to, clicked or
     * booked in, and, when their interleaved clicks favour a team, one preferring user of it (or one tied user).
     */
    ExperimentCounts contribution(String experiment) {
        TeamCounts.Lead preference = interleavedClicks.lead();
        Set<String> variants = new TreeSet<>(exposed);
        variants.addAll(clicks.asMap().keySet());
        variants.addAll(bookings.asMap().keySet());
        TreeMap<String, VariantCounts> counts = new TreeMap<>();
        for (String variant : variants) {
            counts.put(variant, new VariantCounts(0, exposed.contains(variant) ? 1 : 0, 0, 0, 0,
                    clicks.get(variant) > 0 ? 1 : 0, bookings.get(variant) > 0 ? 1 : 0, 0,
                    preference.isLeader(variant) ? 1 : 0));
        }
        return new ExperimentCounts(experiment, counts, 0, preference.tied() ? 1 : 0);
    }
}
