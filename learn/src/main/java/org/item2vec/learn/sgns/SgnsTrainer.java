package org.item2vec.learn.sgns;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.item2vec.learn.corpus.Corpus;
import org.item2vec.learn.vectors.Embeddings;
import org.item2vec.learn.vocab.Vocabulary;

/**
 * Trains item embeddings with skip-gram and negative sampling over a {@link Corpus}, on
 * {@code config.threads()} lock-free workers, reporting progress at a fixed interval.
 */
public final class SgnsTrainer {
    private final TrainingConfig config;
    private int[] marketOfItem;
    private Embeddings initialVectors;
    private Consumer<TrainingStatus> listener = status -> { };
    private Duration reportInterval = Duration.ofSeconds(5);

    public SgnsTrainer(TrainingConfig config) {
        this.config = config;
    }

    /** Markets of the corpus's items (index per vocabulary item, {@link MarketNoise#NO_MARKET} if unknown). */
    public SgnsTrainer markets(int[] marketOfItem) {
        this.marketOfItem = marketOfItem;
        return this;
    }

    /** Starts items that {@code vectors} knows from their vector there (pretrained or a previous model). */
    public SgnsTrainer initialVectors(Embeddings vectors) {
        this.initialVectors = vectors;
        return this;
    }

    /** Receives a status every {@code interval} while training runs. */
    public SgnsTrainer onProgress(Consumer<TrainingStatus> listener, Duration interval) {
        this.listener = listener;
        this.reportInterval = interval;
        return this;
    }

    /** What a run produced: the vectors, and the status when it ended. */
    public record Result(Embeddings embeddings, TrainingStatus status, int initializedFromVectors) {
    }

    public Result train(Corpus corpus) throws InterruptedException {
        Vocabulary vocabulary = corpus.vocabulary();
        if (vocabulary.size() == 0 || corpus.tokenCount() == 0) {
            throw new IllegalArgumentException(
                    "the corpus is empty: no item occurs at least min-count (" + config.minCount() + ") times");
        }
        if (marketOfItem != null && marketOfItem.length != vocabulary.size()) {
            throw new IllegalArgumentException("markets given for " + marketOfItem.length
                    + " items, the vocabulary has " + vocabulary.size());
        }
        int stride = SgnsKernel.strideFor(config.dim());
        float[] input = new float[Math.multiplyExact(vocabulary.size(), stride)];
        float[] output = new float[input.length];
        initialise(input, stride);
        int initialized = initialVectors == null ? 0 : copyInitialVectors(vocabulary, input, stride);

        long[] counts = vocabulary.counts();
        NoiseDistribution noise = NoiseDistribution.unigram(counts, config.noiseExponent());
        MarketNoise marketNoise = marketOfItem == null || config.marketNegatives() == 0
                ? null : MarketNoise.of(marketOfItem, counts, config.noiseExponent());
        long[] keepThresholds = Subsampling.keepThresholds(counts, config.sample());
        TrainingProgress progress = new TrainingProgress(corpus.tokenCount() * config.epochs(), config.alpha());

        int threads = (int) Math.min(config.threads(), corpus.sessionCount());
        int[] bounds = shareSessions(corpus, threads);
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            SgnsKernel kernel = new SgnsKernel(input, output, stride, config.negative(), noise, marketNoise,
                    config.marketNegatives(), Randoms.seed(config.seed(), t));
            workers.add(new Thread(new SgnsWorker(corpus, bounds[t], bounds[t + 1], keepThresholds, config,
                    kernel, progress), "sgns-worker-" + t));
        }

        long start = System.nanoTime();
        ScheduledExecutorService reporter = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "sgns-progress");
            thread.setDaemon(true);
            return thread;
        });
        reporter.scheduleAtFixedRate(() -> listener.accept(status(progress, threads, start)),
                reportInterval.toMillis(), reportInterval.toMillis(), TimeUnit.MILLISECONDS);
        try {
            workers.forEach(Thread::start);
            for (Thread worker : workers) {
                worker.join();
            }
        } finally {
            workers.forEach(Thread::interrupt);
            reporter.shutdownNow();
        }
        TrainingStatus last = status(progress, threads, start);
        listener.accept(last);
        return new Result(new Embeddings(vocabulary, config.dim(), stride, input, output), last, initialized);
    }

    private static TrainingStatus status(TrainingProgress progress, int threads, long startNanos) {
        return new TrainingStatus(progress.wordsDone(), progress.wordsTotal(), threads, progress.alpha(),
                progress.takeMeanLoss(), Duration.ofNanos(System.nanoTime() - startNanos));
    }

    /** word2vec's start: input vectors uniform in ±0.5/dim, output vectors zero. */
    private void initialise(float[] input, int stride) {
        SplittableRandom random = new SplittableRandom(config.seed());
        int dim = config.dim();
        for (int row = 0; row < input.length; row += stride) {
            for (int i = 0; i < dim; i++) {
                input[row + i] = (float) ((random.nextDouble() - 0.5) / dim);
            }
        }
    }

    private int copyInitialVectors(Vocabulary vocabulary, float[] input, int stride) {
        if (initialVectors.dim() != config.dim()) {
            throw new IllegalArgumentException("initial vectors have " + initialVectors.dim()
                    + " dimensions, the model " + config.dim());
        }
        int copied = 0;
        for (int item = 0; item < vocabulary.size(); item++) {
            int known = initialVectors.vocabulary().indexOf(vocabulary.token(item));
            if (known >= 0) {
                System.arraycopy(initialVectors.input(), known * initialVectors.stride(), input, item * stride,
                        config.dim());
                copied++;
            }
        }
        return copied;
    }

    /** Splits sessions into {@code threads} contiguous ranges of about equal token counts. */
    private static int[] shareSessions(Corpus corpus, int threads) {
        int[] bounds = new int[threads + 1];
        long total = corpus.tokenCount();
        int session = 0;
        for (int t = 1; t < threads; t++) {
            long target = total * t / threads;
            while (session < corpus.sessionCount() && corpus.sessionStart(session) < target) {
                session++;
            }
            bounds[t] = session;
        }
        bounds[threads] = corpus.sessionCount();
        return bounds;
    }
}
