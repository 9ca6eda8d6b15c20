package org.item2vec.learn.rank;

import java.util.Arrays;
import java.util.List;
import org.item2vec.learn.eval.SessionScorer;
import org.item2vec.learn.eval.SparseRows;
import org.item2vec.learn.vectors.Embeddings;
import org.item2vec.learn.vectors.VectorMath;

/**
 * Ranks the next click of a session from all of its recent clicks. Each click contributes a distribution over
 * next items, a blend of two estimates of P(next | click): the softmax of the SGNS input·output scores (with
 * the item prior put back, see {@link SessionScoring#priorExponent()}) and the click's follower counts,
 * normalised; recent clicks weigh more. Items shown and skipped subtract their own evidence and are never
 * ranked themselves. Thread-safe.
 */
public final class SessionRanker implements SessionScorer {
    private final Embeddings model;
    private final SparseRows followers;
    private final double[] followerTotals;
    private final float[] logPrior;
    private final SessionScoring scoring;
    private final double repeatShare;
    private final ThreadLocal<float[]> scratch;

    /** Counts the statistics of {@code trainingSessions} (item indices of the model's vocabulary, -1 unknown). */
    public SessionRanker(Embeddings model, List<int[]> trainingSessions, SessionScoring scoring) {
        this(model, SessionCounts.of(trainingSessions, model.size(), scoring.steps(), scoring.maxClicks()), scoring);
    }

    public SessionRanker(Embeddings model, SessionCounts counts, SessionScoring scoring) {
        if (!model.hasOutput()) {
            throw new IllegalArgumentException("session ranking needs the output (context) vectors");
        }
        int items = model.size();
        if (counts.clicks().length != items) {
            throw new IllegalArgumentException("counts of " + counts.clicks().length + " items for a model of "
                    + items);
        }
        this.model = model;
        this.scoring = scoring;
        this.followers = counts.followers();
        this.repeatShare = counts.repeatShare();
        this.followerTotals = new double[items];
        this.logPrior = new float[items];
        for (int item = 0; item < items; item++) {
            followerTotals[item] = followers.rowSum(item);
            logPrior[item] = (float) (scoring.priorExponent() * Math.log(Math.max(1, counts.clicks()[item])));
        }
        this.scratch = ThreadLocal.withInitial(() -> new float[items]);
    }

    @Override
    public void score(int[] prefix, float[] into) {
        score(prefix, new int[0], into);
    }

    /** Scores every item after the clicks {@code prefix} (most recent last) with {@code skipped} shown and passed over. */
    public void score(int[] prefix, int[] skipped, float[] into) {
        Arrays.fill(into, 0);
        int clicks = Math.min(prefix.length, scoring.maxClicks());
        float weight = 1;
        float totalWeight = 0;
        for (int back = 1; back <= clicks; back++) {
            addEvidence(prefix[prefix.length - back], weight, into);
            totalWeight += weight;
            weight *= (float) scoring.recencyDecay();
        }
        // a share of next clicks returns to an item of the session, the more recent the likelier
        float newShare = (float) (1 - repeatShare);
        for (int j = 0; j < into.length; j++) {
            into[j] *= newShare;
        }
        weight = (float) repeatShare;
        for (int back = 1; back <= clicks; back++) {
            into[prefix[prefix.length - back]] += weight;
            weight *= (float) scoring.recencyDecay();
        }
        for (int item : skipped) {
            addEvidence(item, (float) -scoring.skipWeight(), into);
        }
        for (int item : skipped) {
            into[item] = Float.NEGATIVE_INFINITY;
        }
    }

    /** Adds {@code weight} times the click's estimate of P(next | click) to {@code into}. */
    private void addEvidence(int click, float weight, float[] into) {
        float rulesShare = (float) scoring.rulesWeight();
        double total = followerTotals[click];
        if (total > 0 && rulesShare > 0) {
            followers.addScaled(click, (float) (weight * rulesShare / total), into);
        } else {
            rulesShare = 0;
        }
        float[] probabilities = scratch.get();
        softmax(click, probabilities);
        float vectorShare = weight * (1 - rulesShare);
        for (int j = 0; j < into.length; j++) {
            into[j] += vectorShare * probabilities[j];
        }
    }

    private void softmax(int click, float[] into) {
        float[] input = model.input();
        float[] output = model.output();
        int stride = model.stride();
        int dim = model.dim();
        float max = Float.NEGATIVE_INFINITY;
        for (int j = 0; j < into.length; j++) {
            into[j] = VectorMath.dot(input, click * stride, output, j * stride, dim) + logPrior[j];
            max = Math.max(max, into[j]);
        }
        double sum = 0;
        for (int j = 0; j < into.length; j++) {
            into[j] = (float) Math.exp(into[j] - max);
            sum += into[j];
        }
        float scale = (float) (1 / sum);
        for (int j = 0; j < into.length; j++) {
            into[j] *= scale;
        }
    }
}
