package org.item2vec.learn.eval;

import java.util.List;

/**
 * Sequential rules, as session-rec's {@code SequentialRules} (Ludewig and Jannach 2018, after Kamehkhosh et
 * al. 2017): every click adds a rule from each of the {@code steps} clicks before it in its session, weighted
 * 1/distance; each item keeps its {@code pruning} strongest rules. Only the last click of a session is
 * looked at.
 */
public final class SequentialRulesScorer implements ItemScorer {
    /** session-rec's defaults: 10 steps back, weight 1/distance ("div"), 20 rules per item. */
    public static final int DEFAULT_STEPS = 10;
    public static final int DEFAULT_PRUNING = 20;

    private final SparseRows rules;

    public SequentialRulesScorer(List<int[]> trainingSessions, int itemCount) {
        this(trainingSessions, itemCount, DEFAULT_STEPS, DEFAULT_PRUNING);
    }

    public SequentialRulesScorer(List<int[]> trainingSessions, int itemCount, int steps, int pruning) {
        rules = FollowerCounts.rows(trainingSessions, itemCount, steps, pruning);
    }

    @Override
    public void score(int query, float[] into) {
        rules.scores(query, into);
    }
}
