package org.item2vec.learn.sgns;

import java.time.Duration;
import java.util.Locale;

/**
 * Where a training run stands: shown while it runs and returned when it ends.
 *
 * @param loss mean SGNS loss per sample (positive or negative) since the previous status
 */
public record TrainingStatus(long wordsDone, long wordsTotal, int threads, float alpha, double loss,
                             Duration elapsed) {

    public double fractionDone() {
        return wordsTotal == 0 ? 1 : Math.min(1, wordsDone / (double) wordsTotal);
    }

    /** Corpus tokens per second of wall time, counted before subsampling, as word2vec counts them. */
    public double wordsPerSecond() {
        double seconds = elapsed.toNanos() / 1e9;
        return seconds > 0 ? wordsDone / seconds : 0;
    }

    public Duration eta() {
        double fraction = fractionDone();
        if (fraction <= 0) {
            return Duration.ZERO;
        }
        return Duration.ofMillis((long) (elapsed.toMillis() * (1 - fraction) / fraction));
    }

    /** One progress line, like word2vec's: progress, words/s per thread, alpha, loss, ETA. */
    public String format() {
        return String.format(Locale.ROOT, "progress %5.1f%%  words/s/thread %7.1fk  alpha %.6f  loss %.4f  "
                        + "elapsed %s  ETA %s",
                100 * fractionDone(), wordsPerSecond() / threads / 1000, alpha, loss,
                clock(elapsed), clock(eta()));
    }

    private static String clock(Duration d) {
        long s = d.toSeconds();
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
