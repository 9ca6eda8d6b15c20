package org.item2vec.learn.online;

/**
 * The hyper-parameters of incremental training. They are stored with the model: a model resumes with the
 * parameters it was created with.
 *
 * @param dim             vector dimension
 * @param negative        noise samples per pair
 * @param learningRate    AdaGrad's base rate η: a parameter's step is η·g/√(Σg²)
 * @param noiseExponent   the noise distribution is counts^α
 * @param maxItems        vocabulary bound; beyond it the rarest items are evicted
 * @param noiseTableSize  slots of the adaptive unigram table
 * @param seed            base of every random draw, so that training is reproducible
 * @param replays         remembered sessions learned again for each finished session (experience replay:
 *                        a stream's stand-in for the batch trainer's epochs); 0 learns each session once
 * @param memory          finished sessions remembered for replay, the most recent ones
 */
public record OnlineParams(int dim, int negative, float learningRate, double noiseExponent, int maxItems,
                           int noiseTableSize, long seed, int replays, int memory) {
    public static final OnlineParams DEFAULT =
            new OnlineParams(32, 20, 0.2f, 0, 1_000_000, 1 << 22, 1, 30, 8000);

    /** Parameters of a model that learns each session once, with no memory. */
    public OnlineParams(int dim, int negative, float learningRate, double noiseExponent, int maxItems,
                        int noiseTableSize, long seed) {
        this(dim, negative, learningRate, noiseExponent, maxItems, noiseTableSize, seed, 0, 0);
    }

    public OnlineParams {
        if (dim < 1 || dim > 4096) {
            throw new IllegalArgumentException("dimension must be in 1..4096, got " + dim);
        }
        if (negative < 0 || negative > 100) {
            throw new IllegalArgumentException("negative samples must be in 0..100, got " + negative);
        }
        if (!(learningRate > 0)) {
            throw new IllegalArgumentException("learning rate must be positive, got " + learningRate);
        }
        if (!(noiseExponent >= 0 && noiseExponent <= 1)) {
            throw new IllegalArgumentException("noise exponent must be in [0, 1], got " + noiseExponent);
        }
        if (maxItems < 2) {
            throw new IllegalArgumentException("the vocabulary must hold at least 2 items, got " + maxItems);
        }
        if (noiseTableSize < 1024) {
            throw new IllegalArgumentException("the noise table needs at least 1024 slots, got " + noiseTableSize);
        }
        if (replays < 0 || replays > 1000) {
            throw new IllegalArgumentException("replays per session must be in 0..1000, got " + replays);
        }
        if (memory < 0 || memory > 10_000_000) {
            throw new IllegalArgumentException("remembered sessions must be in 0..10000000, got " + memory);
        }
        if (replays > 0 && memory == 0) {
            throw new IllegalArgumentException("replaying sessions needs a memory of at least 1 session");
        }
    }
}
