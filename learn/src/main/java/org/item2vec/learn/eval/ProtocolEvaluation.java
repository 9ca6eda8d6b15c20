package org.item2vec.learn.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Next-click accuracy of {@link SessionScorer}s on held-out sessions under one {@link Protocol}: the
 * predictions (prefix, target) are collected once, then each scorer ranks all items for each of them.
 */
public final class ProtocolEvaluation {
    private record Prediction(int[] prefix, int target, int excluded) {
    }

    private final Protocol protocol;
    private final int itemCount;
    private final List<Prediction> predictions = new ArrayList<>();
    private int unknown;

    /** Collects the predictions of {@code testSessions} (item indices, -1 for items the model does not know). */
    public ProtocolEvaluation(Protocol protocol, List<int[]> testSessions, int itemCount) {
        this.protocol = protocol;
        this.itemCount = itemCount;
        for (int[] session : testSessions) {
            if (protocol == Protocol.ONE_ITEM) {
                collectPairs(session);
            } else {
                collectPrefixes(session);
            }
        }
    }

    private void collectPairs(int[] session) {
        for (int p = 1; p < session.length; p++) {
            int previous = session[p - 1];
            int next = session[p];
            if (previous < 0 || next < 0) {
                unknown++;
            } else if (previous != next) {
                predictions.add(new Prediction(new int[] {previous}, next, previous));
            }
        }
    }

    /** Unknown clicks are left out of the prefix; a target the model does not know is a miss. */
    private void collectPrefixes(int[] session) {
        int[] known = new int[session.length];
        int knownCount = 0;
        for (int p = 0; p < session.length; p++) {
            if (p > 0) {
                if (session[p] < 0 || knownCount == 0) {
                    unknown++;
                } else {
                    predictions.add(new Prediction(Arrays.copyOf(known, knownCount), session[p], -1));
                }
            }
            if (session[p] >= 0) {
                known[knownCount++] = session[p];
            }
        }
    }

    public Protocol protocol() {
        return protocol;
    }

    /** The number of predictions, those with unknown items included. */
    public int size() {
        return predictions.size() + unknown;
    }

    /** The number of predictions that involve an item the model does not know: misses for every scorer. */
    public int unknown() {
        return unknown;
    }

    public Accuracy evaluate(String name, SessionScorer scorer, int... cutOffs) {
        ThreadLocal<float[]> buffers = ThreadLocal.withInitial(() -> new float[itemCount]);
        int[] ranks = IntStream.range(0, predictions.size()).parallel().map(i -> {
            Prediction prediction = predictions.get(i);
            float[] scores = buffers.get();
            scorer.score(prediction.prefix(), scores);
            return Ranks.of(scores, prediction.target(), prediction.excluded());
        }).toArray();
        return Accuracy.of(name, protocol, ranks, unknown, cutOffs);
    }
}
