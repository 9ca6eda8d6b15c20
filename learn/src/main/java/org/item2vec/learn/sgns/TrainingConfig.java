package org.item2vec.learn.sgns;

/**
 * Every parameter of a training run, with word2vec's defaults where it has one.
 *
 * @param dim              vector size
 * @param window           maximum distance between an item and its context (word2vec shrinks it randomly)
 * @param contextMode      sliding window or the whole session as context
 * @param negative         negative samples per positive pair, drawn from the noise distribution
 * @param noiseExponent    the noise distribution is counts^noiseExponent (word2vec: 0.75; Caselles-Dupré et
 *                         al. found other values, even negative ones, far better for recommendation data)
 * @param marketNegatives  extra negatives per pair drawn from the input item's own market (Airbnb)
 * @param bookedContext    whether the booked item of a session is a context of every item in it (Airbnb)
 * @param sample           down-sampling threshold for frequent items; 0 disables it
 * @param minCount         items seen fewer times are dropped
 * @param alpha            starting learning rate, decayed linearly to alpha·1e-4 over all epochs
 * @param epochs           passes over the corpus
 * @param threads          lock-free (Hogwild) workers
 * @param seed             seed of every random choice; with one thread, equal seeds give equal vectors
 */
public record TrainingConfig(
        int dim,
        int window,
        ContextMode contextMode,
        int negative,
        double noiseExponent,
        int marketNegatives,
        boolean bookedContext,
        double sample,
        long minCount,
        float alpha,
        int epochs,
        int threads,
        long seed) {

    public static final TrainingConfig DEFAULTS = new TrainingConfig(
            100, 5, ContextMode.WINDOW, 5, 0.75, 0, true, 1e-3, 5, 0.025f, 5,
            Math.max(1, Runtime.getRuntime().availableProcessors()), 1);

    public TrainingConfig {
        require(dim >= 1 && dim <= 10_000, "dim must be between 1 and 10000, got " + dim);
        require(window >= 1, "window must be at least 1, got " + window);
        require(contextMode != null, "context mode is required");
        require(negative >= 1 && negative <= 1000, "negative must be between 1 and 1000, got " + negative);
        require(Double.isFinite(noiseExponent), "noise exponent must be a finite number");
        require(marketNegatives >= 0 && marketNegatives <= 1000,
                "market negatives must be between 0 and 1000, got " + marketNegatives);
        require(sample >= 0 && sample < 1, "sample must be in [0, 1), got " + sample);
        require(minCount >= 1, "min-count must be at least 1, got " + minCount);
        require(alpha > 0 && alpha <= 1, "alpha must be in (0, 1], got " + alpha);
        require(epochs >= 1, "epochs must be at least 1, got " + epochs);
        require(threads >= 1 && threads <= 1024, "threads must be between 1 and 1024, got " + threads);
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    public static Builder builder() {
        return new Builder(DEFAULTS);
    }

    /** Changes some parameters of a configuration; {@link #build()} validates the result. */
    public static final class Builder {
        private int dim;
        private int window;
        private ContextMode contextMode;
        private int negative;
        private double noiseExponent;
        private int marketNegatives;
        private boolean bookedContext;
        private double sample;
        private long minCount;
        private float alpha;
        private int epochs;
        private int threads;
        private long seed;

        private Builder(TrainingConfig from) {
            dim = from.dim;
            window = from.window;
            contextMode = from.contextMode;
            negative = from.negative;
            noiseExponent = from.noiseExponent;
            marketNegatives = from.marketNegatives;
            bookedContext = from.bookedContext;
            sample = from.sample;
            minCount = from.minCount;
            alpha = from.alpha;
            epochs = from.epochs;
            threads = from.threads;
            seed = from.seed;
        }

        public Builder dim(int value) { dim = value; return this; }
        public Builder window(int value) { window = value; return this; }
        public Builder contextMode(ContextMode value) { contextMode = value; return this; }
        public Builder negative(int value) { negative = value; return this; }
        public Builder noiseExponent(double value) { noiseExponent = value; return this; }
        public Builder marketNegatives(int value) { marketNegatives = value; return this; }
        public Builder bookedContext(boolean value) { bookedContext = value; return this; }
        public Builder sample(double value) { sample = value; return this; }
        public Builder minCount(long value) { minCount = value; return this; }
        public Builder alpha(float value) { alpha = value; return this; }
        public Builder epochs(int value) { epochs = value; return this; }
        public Builder threads(int value) { threads = value; return this; }
        public Builder seed(long value) { seed = value; return this; }

        public TrainingConfig build() {
            return new TrainingConfig(dim, window, contextMode, negative, noiseExponent, marketNegatives,
                    bookedContext, sample, minCount, alpha, epochs, threads, seed);
        }
    }
}
