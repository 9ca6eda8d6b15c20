package org.item2vec.learn.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import org.item2vec.learn.corpus.Corpus;
import org.item2vec.learn.vocab.Vocabulary;

/**
 * Next-item accuracy on held-out sessions: for every consecutive pair (previous, next) with
 * {@code next != previous}, rank all items by a scorer given {@code previous} (the query itself excluded)
 * and record where {@code next} lands. HitRate@K counts pairs whose next item is in the top K; MRR@K
 * averages 1/rank over them (0 beyond K). Ties rank the more frequent item (lower index) first. A pair with
 * an item the model does not know counts as a miss.
 */
public final class NextItemEvaluation {
    /** The outcome for one scorer. */
    public record Result(String name, int k, double hitRate, double mrr, int pairs, int unknownPairs) {
        public String format() {
            return String.format(Locale.ROOT, "%-28s HR@%d %.4f   MRR@%d %.4f   (%d pairs, %d with unknown items)",
                    name, k, hitRate, k, mrr, pairs, unknownPairs);
        }
    }

    private final List<int[]> pairs = new ArrayList<>();
    private final int itemCount;
    private int unknownPairs;

    /** Collects the evaluation pairs of {@code testSessions} (item indices, -1 for unknown items). */
    public NextItemEvaluation(List<int[]> testSessions, int itemCount) {
        this.itemCount = itemCount;
        for (int[] session : testSessions) {
            for (int p = 1; p < session.length; p++) {
                int previous = session[p - 1];
                int next = session[p];
                if (previous >= 0 && next >= 0) {
                    if (previous != next) {
                        pairs.add(new int[] {previous, next});
                    }
                } else {
                    unknownPairs++;
                }
            }
        }
    }

    public Result evaluate(String name, ItemScorer scorer, int k) {
        ThreadLocal<float[]> buffers = ThreadLocal.withInitial(() -> new float[itemCount]);
        double[] reciprocal = IntStream.range(0, pairs.size()).parallel().mapToDouble(i -> {
            int[] pair = pairs.get(i);
            float[] scores = buffers.get();
            scorer.score(pair[0], scores);
            int rank = rank(scores, pair[0], pair[1]);
            return rank <= k ? 1.0 / rank : 0;
        }).toArray();
        int total = pairs.size() + unknownPairs;
        int hits = 0;
        double sum = 0;
        for (double r : reciprocal) {
            if (r > 0) {
                hits++;
                sum += r;
            }
        }
        return new Result(name, k, total == 0 ? 0 : hits / (double) total, total == 0 ? 0 : sum / total,
                total, unknownPairs);
    }

    private static int rank(float[] scores, int query, int target) {
        float targetScore = scores[target];
        int rank = 1;
        for (int j = 0; j < scores.length; j++) {
            if (j != query && j != target
                    && (scores[j] > targetScore || (scores[j] == targetScore && j < target))) {
                rank++;
            }
        }
        return rank;
    }

    /** The sessions of a corpus, re-encoded with another vocabulary (-1 for items it does not know). */
    public static List<int[]> sessionsIn(Corpus corpus, Vocabulary vocabulary) {
        Vocabulary own = corpus.vocabulary();
        int[] translate = new int[own.size()];
        for (int i = 0; i < translate.length; i++) {
            translate[i] = vocabulary.indexOf(own.token(i));
        }
        List<int[]> sessions = new ArrayList<>(corpus.sessionCount());
        int[] tokens = corpus.tokens();
        for (int s = 0; s < corpus.sessionCount(); s++) {
            int[] session = new int[corpus.sessionLength(s)];
            for (int p = 0; p < session.length; p++) {
                session[p] = translate[tokens[corpus.sessionStart(s) + p]];
            }
            sessions.add(session);
        }
        return sessions;
    }
}
