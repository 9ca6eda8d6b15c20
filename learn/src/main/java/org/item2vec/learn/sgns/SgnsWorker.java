package org.item2vec.learn.sgns;

import org.item2vec.learn.corpus.Corpus;

/**
 * One training thread: walks its share of the sessions for every epoch, down-samples frequent items,
 * draws the shrunk window and feeds (input, context) pairs to its {@link SgnsKernel}.
 */
final class SgnsWorker implements Runnable {
    /** How often (in corpus tokens) a worker publishes progress and refreshes its learning rate. */
    private static final int PUBLISH_EVERY_WORDS = 10_000;

    private final int[] tokens;
    private final int[] sessionStarts;
    private final int[] booked;
    private final int firstSession;
    private final int endSession;
    private final long[] keepThresholds;
    private final TrainingConfig config;
    private final SgnsKernel kernel;
    private final TrainingProgress progress;
    private final int[] kept;

    SgnsWorker(Corpus corpus, int firstSession, int endSession, long[] keepThresholds, TrainingConfig config,
               SgnsKernel kernel, TrainingProgress progress) {
        this.tokens = corpus.tokens();
        this.sessionStarts = corpus.sessionStarts();
        this.booked = corpus.bookedItems();
        this.firstSession = firstSession;
        this.endSession = endSession;
        this.keepThresholds = keepThresholds;
        this.config = config;
        this.kernel = kernel;
        this.progress = progress;
        this.kept = new int[Math.max(1, corpus.longestSession())];
    }

    @Override
    public void run() {
        kernel.setAlpha(progress.alpha());
        long unpublished = 0;
        for (int epoch = 0; epoch < config.epochs(); epoch++) {
            for (int s = firstSession; s < endSession; s++) {
                if (Thread.currentThread().isInterrupted()) {
                    return; // the trainer was interrupted: stop writing to the shared matrices
                }
                int from = sessionStarts[s];
                int to = sessionStarts[s + 1];
                unpublished += to - from;
                int length = subsample(from, to);
                trainSession(length, config.bookedContext() ? booked[s] : Corpus.NOT_BOOKED);
                if (unpublished >= PUBLISH_EVERY_WORDS) {
                    publish(unpublished);
                    unpublished = 0;
                }
            }
        }
        publish(unpublished);
    }

    private void publish(long words) {
        kernel.setAlpha(progress.addWords(words));
        progress.addLoss(kernel.takeLossSum(), kernel.takeLossSamples());
    }

    /** Copies the session's items that survive down-sampling into {@code kept}; returns how many. */
    private int subsample(int from, int to) {
        int length = 0;
        for (int p = from; p < to; p++) {
            int item = tokens[p];
            long threshold = keepThresholds[item];
            if (threshold >= Subsampling.ALWAYS
                    || (kernel.nextRandom() & (Subsampling.ALWAYS - 1)) < threshold) {
                kept[length++] = item;
            }
        }
        return length;
    }

    private void trainSession(int length, int bookedItem) {
        boolean wholeSession = config.contextMode() == ContextMode.SESSION;
        int window = config.window();
        for (int p = 0; p < length; p++) {
            int item = kept[p];
            int reach = wholeSession ? length : window - Randoms.below(kernel.nextRandom(), window);
            int first = Math.max(0, p - reach);
            int last = Math.min(length - 1, p + reach);
            for (int c = first; c <= last; c++) {
                if (c != p) {
                    kernel.trainPair(item, kept[c]);
                }
            }
            if (bookedItem != Corpus.NOT_BOOKED && bookedItem != item) {
                kernel.trainPair(item, bookedItem);
            }
        }
    }
}
