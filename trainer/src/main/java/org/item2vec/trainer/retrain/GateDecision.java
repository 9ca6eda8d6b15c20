package org.item2vec.trainer.retrain;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.item2vec.learn.eval.NextItemEvaluation;

/**
 * Whether a new model may replace the current one: its HitRate@K and MRR@K on the held-out sessions must both
 * be at least the current model's times {@code (1 - tolerance)}. With no current model, or nothing held out to
 * judge by, there is nothing to be worse than.
 */
record GateDecision(boolean passed, String reason) {

    static GateDecision decide(NextItemEvaluation.Result candidate, NextItemEvaluation.Result current,
                               double tolerance) {
        if (candidate == null) {
            return new GateDecision(true, "no held-out sessions to judge by");
        }
        if (current == null) {
            return new GateDecision(true, "no current version to compare with");
        }
        double hitFloor = current.hitRate() * (1 - tolerance);
        double mrrFloor = current.mrr() * (1 - tolerance);
        boolean passed = candidate.hitRate() >= hitFloor && candidate.mrr() >= mrrFloor;
        String comparison = String.format(Locale.ROOT,
                "HR@%d %.4f vs %.4f (floor %.4f), MRR@%d %.4f vs %.4f (floor %.4f) with tolerance %.0f %%",
                candidate.k(), candidate.hitRate(), current.hitRate(), hitFloor, candidate.k(), candidate.mrr(),
                current.mrr(), mrrFloor, 100 * tolerance);
        return new GateDecision(passed, (passed ? "not worse than the current version: " : "worse than the current "
                + "version: ") + comparison);
    }

    static Map<String, Object> figures(NextItemEvaluation.Result result) {
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("hitRate", result.hitRate());
        figures.put("mrr", result.mrr());
        figures.put("pairs", result.pairs());
        figures.put("unknownPairs", result.unknownPairs());
        return figures;
    }
}
