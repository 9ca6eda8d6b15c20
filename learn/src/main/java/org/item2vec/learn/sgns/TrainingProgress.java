package org.item2vec.learn.sgns;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Counters the workers share: words done (which drives the learning-rate decay, as in word2vec) and the
 * loss. Workers publish in batches of thousands of words, so contention is negligible.
 */
final class TrainingProgress {
    private final long wordsTotal;
    private final float startAlpha;
    private final AtomicLong wordsDone = new AtomicLong();
    private double lossSum;
    private long lossSamples;
    private volatile float alpha;

    TrainingProgress(long wordsTotal, float startAlpha) {
        this.wordsTotal = wordsTotal;
        this.startAlpha = startAlpha;
        this.alpha = startAlpha;
    }

    /** Adds words done and returns the learning rate for what follows: linear decay to alpha·1e-4. */
    float addWords(long words) {
        long done = wordsDone.addAndGet(words);
        float next = startAlpha * (float) Math.max(1e-4, 1 - done / (double) (wordsTotal + 1));
        alpha = next;
        return next;
    }

    synchronized void addLoss(double sum, long samples) {
        lossSum += sum;
        lossSamples += samples;
    }

    /** Mean loss per sample since the previous call (NaN when no sample was seen). */
    synchronized double takeMeanLoss() {
        double mean = lossSamples == 0 ? Double.NaN : lossSum / lossSamples;
        lossSum = 0;
        lossSamples = 0;
        return mean;
    }

    long wordsDone() {
        return wordsDone.get();
    }

    long wordsTotal() {
        return wordsTotal;
    }

    float alpha() {
        return alpha;
    }
}
