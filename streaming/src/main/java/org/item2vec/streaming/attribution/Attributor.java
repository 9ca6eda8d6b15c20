package org.item2vec.streaming.attribution;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import org.item2vec.experiment.events.ExperimentCounts;
import org.item2vec.experiment.events.Impression;

/**
 * The attribution rules, applied to one user's state one event at a time; the processor around it loads and
 * stores that state.
 *
 * <p>A click or booking of item X at time t counts for an impression that lists X and was served at ts with
 * ts ≤ t ≤ ts + window. Of several such impressions of one experiment the most recent gets it (last touch); each
 * experiment attributes on its own. Impressions and engagements arrive in any order: an arriving impression takes
 * the held engagements it covers that have no impression of its experiment yet, and those credited to an older
 * one of its experiment that is still held.
 *
 * <p>No count is bumped directly. Each held impression and each {@link ExperimentUser} states what it adds to its
 * experiment's counts, and a change is the difference of that before and after. So a lead that passes from one
 * team to the other, or a credit that moves to a more recent list, needs no rule of its own for its -1 and +1.
 */
final class Attributor {
    private final long windowMs;
    private final AttributionMetrics metrics;

    Attributor(Duration window, AttributionMetrics metrics) {
        this.windowMs = window.toMillis();
        this.metrics = metrics;
    }

    /**
     * Holds the impression, counts its exposures and credits it the held engagements it should have.
     *
     * @param users the user's state in an experiment, by experiment id: the same object for the same id throughout
     *              the call, since the rules change it in place; the caller stores the ones asked for
     */
    CountChanges impression(Impression impression, RecentActivity recent, Function<String, ExperimentUser> users) {
        CountChanges changes = new CountChanges();
        HeldImpression shown = recent.hold(impression);
        ExperimentUser user = users.apply(shown.experiment());
        ExperimentCounts userBefore = user.contribution(shown.experiment());
        shown.exposedVariants().forEach(user::expose);
        changes.add(userBefore, user.contribution(shown.experiment()));
        changes.add(shown.contribution());

        for (HeldEngagement engagement : recent.engagements()) {
            if (!shown.covers(engagement, windowMs)) {
                continue;
            }
            Long creditedId = engagement.creditedTo().get(shown.experiment());
            if (creditedId == null) {
                if (!engagement.isAttributed()) {
                    metrics.attributed(engagement.type());
                }
                credit(engagement, shown, users, changes);
            } else {
                recent.impression(creditedId)
                        .filter(shown::isMoreRecentThan)
                        .ifPresent(older -> {
                            withdraw(engagement, older, users, changes);
                            credit(engagement, shown, users, changes);
                        });
            }
        }
        return changes;
    }

    /**
     * Holds the engagement and credits it to the most recent covering impression of each experiment.
     *
     * @param users as for {@link #impression}
     */
    CountChanges engagement(Engagement engagement, RecentActivity recent, Function<String, ExperimentUser> users) {
        CountChanges changes = new CountChanges();
        HeldEngagement held = recent.hold(engagement);
        Map<String, HeldImpression> lastTouch = new LinkedHashMap<>();
        for (HeldImpression impression : recent.impressions()) {
            if (impression.covers(held, windowMs)) {
                lastTouch.merge(impression.experiment(), impression,
                        (current, candidate) -> candidate.isMoreRecentThan(current) ? candidate : current);
            }
        }
        lastTouch.values().forEach(impression -> credit(held, impression, users, changes));
        if (held.isAttributed()) {
            metrics.attributed(held.type());
        }
        return changes;
    }

    private static void credit(HeldEngagement engagement, HeldImpression impression,
                               Function<String, ExperimentUser> users, CountChanges changes) {
        change(engagement, impression, +1, users, changes);
        engagement.creditTo(impression);
    }

    private static void withdraw(HeldEngagement engagement, HeldImpression impression,
                                 Function<String, ExperimentUser> users, CountChanges changes) {
        change(engagement, impression, -1, users, changes);
    }

    private static void change(HeldEngagement engagement, HeldImpression impression, int delta,
                               Function<String, ExperimentUser> users, CountChanges changes) {
        String experiment = impression.experiment();
        String team = impression.teamOf(engagement.item());
        ExperimentUser user = users.apply(experiment);
        ExperimentCounts before = impression.contribution().plus(user.contribution(experiment));
        impression.credit(team, engagement.type(), delta);
        user.credit(team, engagement.type(), delta, impression.interleaved());
        changes.add(before, impression.contribution().plus(user.contribution(experiment)));
    }
}
