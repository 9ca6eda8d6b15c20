package org.item2vec.trainer.retrain;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.item2vec.trainer.retrain.SessionHistory.Session;

/**
 * The most recent sessions held out to judge a new model: those that ended within {@code holdout} of the newest
 * session, but never more than {@code maxFraction} of all sessions, so that a short history (a system only hours
 * old) still leaves most of it to train on.
 */
record HeldOutSplit(List<Session> training, List<Session> heldOut, long cutoffMs) {

    /** Every session, in the order they ended: what the published model trains on. */
    List<Session> all() {
        List<Session> all = new ArrayList<>(training);
        all.addAll(heldOut);
        return all;
    }

    static HeldOutSplit of(List<Session> sessions, Duration holdout, double maxFraction) {
        List<Session> byEnd = new ArrayList<>(sessions);
        // A fixed order, whatever order the partitions were read in: the same sessions train the same model.
        byEnd.sort(Comparator.comparingLong(Session::endMs).thenComparingInt(Session::partition)
                .thenComparingLong(Session::offset));
        if (byEnd.isEmpty()) {
            return new HeldOutSplit(List.of(), List.of(), Long.MAX_VALUE);
        }
        long cutoff = byEnd.get(byEnd.size() - 1).endMs() - holdout.toMillis();
        int first = byEnd.size();
        int earliestAllowed = byEnd.size() - (int) Math.floor(byEnd.size() * maxFraction);
        while (first > earliestAllowed && byEnd.get(first - 1).endMs() > cutoff) {
            first--;
        }
        long actualCutoff = first < byEnd.size() ? byEnd.get(first).endMs() : Long.MAX_VALUE;
        return new HeldOutSplit(byEnd.subList(0, first), byEnd.subList(first, byEnd.size()), actualCutoff);
    }
}
