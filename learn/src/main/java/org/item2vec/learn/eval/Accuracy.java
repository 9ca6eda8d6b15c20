package org.item2vec.learn.eval;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * HitRate@K and MRR@K of one scorer under one protocol, for several cut-offs K: the share of predictions
 * whose target is in the top K, and the mean of 1/rank over them (0 beyond K). Predictions that involve an
 * item the model does not know count as misses.
 */
public record Accuracy(String scorer, Protocol protocol, int[] cutOffs, double[] hitRates, double[] mrrs,
                       int predictions, int unknown) {

    /** Summarises the ranks of the known predictions (ranks start at 1) next to {@code unknown} misses. */
    static Accuracy of(String scorer, Protocol protocol, int[] ranks, int unknown, int... cutOffs) {
        int total = ranks.length + unknown;
        double[] hitRates = new double[cutOffs.length];
        double[] mrrs = new double[cutOffs.length];
        for (int c = 0; c < cutOffs.length; c++) {
            int hits = 0;
            double reciprocal = 0;
            for (int rank : ranks) {
                if (rank <= cutOffs[c]) {
                    hits++;
                    reciprocal += 1.0 / rank;
                }
            }
            hitRates[c] = total == 0 ? 0 : hits / (double) total;
            mrrs[c] = total == 0 ? 0 : reciprocal / total;
        }
        return new Accuracy(scorer, protocol, cutOffs.clone(), hitRates, mrrs, total, unknown);
    }

    public double hitRate(int cutOff) {
        return hitRates[indexOf(cutOff)];
    }

    public double mrr(int cutOff) {
        return mrrs[indexOf(cutOff)];
    }

    /** The figures as plain values, for JSON. */
    public Map<String, Object> figures() {
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("scorer", scorer);
        figures.put("protocol", protocol.label());
        for (int c = 0; c < cutOffs.length; c++) {
            figures.put("hr@" + cutOffs[c], hitRates[c]);
            figures.put("mrr@" + cutOffs[c], mrrs[c]);
        }
        figures.put("predictions", predictions);
        figures.put("unknown", unknown);
        return figures;
    }

    private int indexOf(int cutOff) {
        for (int c = 0; c < cutOffs.length; c++) {
            if (cutOffs[c] == cutOff) {
                return c;
            }
        }
        throw new IllegalArgumentException("no figures at cut-off " + cutOff);
    }
}
