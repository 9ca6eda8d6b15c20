package org.item2vec.trainer.tune;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.item2vec.events.sessions.Session;

/**
 * A time-based held-out split of a click log's sessions: those that ended within {@code holdout} of the
 * newest one are held out, at most {@code maxFraction} of all, the rest train. Hyperparameters are chosen on
 * what comes after the training data, as they will be used.
 */
public record TimeSplit(List<Session> training, List<Session> heldOut) {

    public static TimeSplit of(List<Session> sessions, Duration holdout, double maxFraction) {
        if (!(maxFraction > 0 && maxFraction < 1)) {
            throw new IllegalArgumentException("the held-out share must be between 0 and 1, got " + maxFraction);
        }
        List<Session> byEnd = new ArrayList<>(sessions);
        byEnd.sort(Comparator.comparingLong(Session::endMs).thenComparing(Session::user));
        int first = byEnd.size();
        if (!byEnd.isEmpty()) {
            long cutoff = byEnd.get(byEnd.size() - 1).endMs() - holdout.toMillis();
            int earliestAllowed = byEnd.size() - (int) Math.floor(byEnd.size() * maxFraction);
            while (first > earliestAllowed && byEnd.get(first - 1).endMs() > cutoff) {
                first--;
            }
        }
        if (first == 0 || first == byEnd.size()) {
            throw new IllegalArgumentException("cannot split " + byEnd.size() + " sessions into training and held-out"
                    + " sessions: " + (first == 0 ? "nothing would be left to train on" : "none ended within "
                    + holdout + " of the newest, or there are too few"));
        }
        return new TimeSplit(List.copyOf(byEnd.subList(0, first)), List.copyOf(byEnd.subList(first, byEnd.size())));
    }
}
