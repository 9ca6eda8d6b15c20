package org.item2vec.learn.sgns;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The SGNS update of one (input item, context item) pair, the innermost step of training, as in
 * word2vec.c: flat matrices, a sigmoid table, a per-thread random state, no allocation. The batch trainer
 * and the live model share it; they differ only in how a gradient becomes a step:
 * <ul>
 *   <li>batch (the constructor): plain SGD, every step scaled by the learning rate
 *       {@link #setAlpha alpha} that the trainer decays over its epochs;</li>
 *   <li>live ({@link #adaGrad}): per-parameter AdaGrad, a step of {@code alpha·g/√(Σg²)} with the sums of
 *       squared gradients kept beside the vectors, because a stream has no end to decay towards.</li>
 * </ul>
 *
 * <p>Rows of the input and output matrices start every {@code stride} floats, where {@code stride} is the
 * vector size rounded up to whole SIMD registers; the padding lanes start at zero and stay zero (their
 * gradient is always zero), so every dot product and update runs on whole registers with no tail loop.
 *
 * <p>One kernel belongs to one thread. Several kernels share the matrices without locks (Hogwild).
 */
public final class SgnsKernel {
    static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    private static final int LANES = SPECIES.length();

    static final float MAX_EXP = 6;
    static final int SIGMOID_TABLE_SIZE = 1000;
    private static final float TABLE_SCALE = SIGMOID_TABLE_SIZE / MAX_EXP / 2;
    private static final float[] SIGMOID = new float[SIGMOID_TABLE_SIZE];
    /** -log σ(x) at the same points: the loss of a positive sample; -log σ(-x) is read mirrored. */
    private static final float[] NEG_LOG_SIGMOID = new float[SIGMOID_TABLE_SIZE];

    static {
        for (int i = 0; i < SIGMOID_TABLE_SIZE; i++) {
            double x = (i / (double) SIGMOID_TABLE_SIZE * 2 - 1) * MAX_EXP;
            SIGMOID[i] = (float) (1 / (1 + Math.exp(-x)));
            NEG_LOG_SIGMOID[i] = (float) Math.log1p(Math.exp(-x));
        }
    }

    /** Where negatives come from: an item drawn from 64 random bits, or -1 for none this time. */
    @FunctionalInterface
    public interface Noise {
        int sample(long randomBits);
    }

    private float[] input;
    private float[] output;
    /** AdaGrad's sums of squared gradients, laid out as the matrices; {@code null} for plain SGD. */
    private float[] inputSquares;
    private float[] outputSquares;
    private final int stride;
    private final int negative;
    private final Noise noise;
    private final MarketNoise marketNoise;
    private final int marketNegatives;
    private final float[] inputGradient;
    private final int[] negativesDrawn;
    private int negativesUsed;

    private long random;
    private float alpha;
    private double lossSum;
    private long lossSamples;

    public SgnsKernel(float[] input, float[] output, int stride, int negative, Noise noise,
                      MarketNoise marketNoise, int marketNegatives, long randomState) {
        if (stride % LANES != 0) {
            throw new IllegalArgumentException("stride " + stride + " is not a multiple of " + LANES);
        }
        this.input = input;
        this.output = output;
        this.stride = stride;
        this.negative = negative;
        this.noise = noise;
        this.marketNoise = marketNoise;
        this.marketNegatives = marketNoise == null ? 0 : marketNegatives;
        this.inputGradient = new float[stride];
        this.negativesDrawn = new int[negative + this.marketNegatives];
        this.random = randomState;
    }

    /**
     * A kernel that steps by AdaGrad with base rate {@code rate} on matrices given by {@link #bind} (a live
     * model's matrices grow, so they are bound again after each growth).
     */
    public static SgnsKernel adaGrad(int stride, int negative, Noise noise, float rate) {
        SgnsKernel kernel = new SgnsKernel(null, null, stride, negative, noise, null, 0, Randoms.seed(0, 0));
        kernel.setAlpha(rate);
        return kernel;
    }

    /**
     * The matrices an AdaGrad kernel trains, with their sums of squared gradients. Every lane of the sums,
     * padding too, must start above zero: a step divides by its square root.
     */
    public void bind(float[] input, float[] output, float[] inputSquares, float[] outputSquares) {
        if (input.length != output.length || input.length != inputSquares.length
                || input.length != outputSquares.length || input.length % stride != 0) {
            throw new IllegalArgumentException("matrices and their squared gradients must have the same whole rows");
        }
        this.input = input;
        this.output = output;
        this.inputSquares = inputSquares;
        this.outputSquares = outputSquares;
    }

    /** Starts the random stream again from {@code seed}: a live model draws each pair's negatives from its message. */
    public void reseed(long seed) {
        random = Randoms.seed(seed, 0);
    }

    /** How many negatives the last {@link #trainPair} updated; {@link #negativeDrawn} names them. */
    public int negativesUsed() {
        return negativesUsed;
    }

    public int negativeDrawn(int index) {
        return negativesDrawn[index];
    }

    /** The row stride for vectors of {@code dim} floats: {@code dim} rounded up to whole SIMD registers. */
    public static int strideFor(int dim) {
        return (dim + LANES - 1) / LANES * LANES;
    }

    public void setAlpha(float alpha) {
        this.alpha = alpha;
    }

    /** Draws 64 random bits from this kernel's stream. */
    long nextRandom() {
        random = Randoms.advance(random);
        return Randoms.output(random);
    }

    /**
     * One SGNS step: raise σ(in[inputItem]·out[contextItem]) towards 1, and lower it towards 0 for
     * {@code negative} items from the noise distribution plus {@code marketNegatives} from the input item's
     * market. The input row's gradient is accumulated and applied once at the end, as word2vec does.
     */
    public void trainPair(int inputItem, int contextItem) {
        int inRow = inputItem * stride;
        for (int i = 0; i < stride; i += LANES) {
            FloatVector.zero(SPECIES).intoArray(inputGradient, i);
        }
        negativesUsed = 0;
        update(inRow, contextItem, 1f);
        for (int d = 0; d < negative; d++) {
            int target = noise.sample(nextRandom());
            if (target >= 0 && target != contextItem) {
                update(inRow, target, 0f);
                negativesDrawn[negativesUsed++] = target;
            }
        }
        for (int d = 0; d < marketNegatives; d++) {
            int target = marketNoise.sample(inputItem, nextRandom());
            if (target >= 0 && target != contextItem && target != inputItem) {
                update(inRow, target, 0f);
                negativesDrawn[negativesUsed++] = target;
            }
        }
        if (inputSquares == null) {
            for (int i = 0; i < stride; i += LANES) {
                FloatVector.fromArray(SPECIES, input, inRow + i)
                        .add(FloatVector.fromArray(SPECIES, inputGradient, i))
                        .intoArray(input, inRow + i);
            }
        } else {
            FloatVector rate = FloatVector.broadcast(SPECIES, alpha);
            for (int i = 0; i < stride; i += LANES) {
                FloatVector gradient = FloatVector.fromArray(SPECIES, inputGradient, i);
                FloatVector squares = gradient.fma(gradient, FloatVector.fromArray(SPECIES, inputSquares, inRow + i));
                squares.intoArray(inputSquares, inRow + i);
                gradient.mul(rate).div(squares.lanewise(VectorOperators.SQRT))
                        .add(FloatVector.fromArray(SPECIES, input, inRow + i))
                        .intoArray(input, inRow + i);
            }
        }
    }

    private void update(int inRow, int target, float label) {
        int outRow = target * stride;
        FloatVector sum = FloatVector.zero(SPECIES);
        for (int i = 0; i < stride; i += LANES) {
            sum = FloatVector.fromArray(SPECIES, input, inRow + i)
                    .fma(FloatVector.fromArray(SPECIES, output, outRow + i), sum);
        }
        float f = sum.reduceLanes(VectorOperators.ADD);

        float error;
        if (f > MAX_EXP) {
            error = label - 1;
            lossSum += label > 0 ? 0 : f;
        } else if (f < -MAX_EXP) {
            error = label;
            lossSum += label > 0 ? -f : 0;
        } else {
            // Float rounding can carry f just below MAX_EXP onto the table's end.
            int index = Math.min(SIGMOID_TABLE_SIZE - 1, (int) ((f + MAX_EXP) * TABLE_SCALE));
            error = label - SIGMOID[index];
            lossSum += label > 0 ? NEG_LOG_SIGMOID[index] : NEG_LOG_SIGMOID[SIGMOID_TABLE_SIZE - 1 - index];
        }
        lossSamples++;

        if (outputSquares == null) {
            FloatVector step = FloatVector.broadcast(SPECIES, error * alpha);
            for (int i = 0; i < stride; i += LANES) {
                FloatVector out = FloatVector.fromArray(SPECIES, output, outRow + i);
                FloatVector in = FloatVector.fromArray(SPECIES, input, inRow + i);
                out.fma(step, FloatVector.fromArray(SPECIES, inputGradient, i)).intoArray(inputGradient, i);
                in.fma(step, out).intoArray(output, outRow + i);
            }
        } else {
            // The input row's gradient is collected unscaled: AdaGrad scales it once, at the end of the pair.
            FloatVector g = FloatVector.broadcast(SPECIES, error);
            FloatVector rate = FloatVector.broadcast(SPECIES, alpha);
            for (int i = 0; i < stride; i += LANES) {
                FloatVector out = FloatVector.fromArray(SPECIES, output, outRow + i);
                FloatVector gradient = FloatVector.fromArray(SPECIES, input, inRow + i).mul(g);
                out.fma(g, FloatVector.fromArray(SPECIES, inputGradient, i)).intoArray(inputGradient, i);
                FloatVector squares = gradient.fma(gradient, FloatVector.fromArray(SPECIES, outputSquares, outRow + i));
                squares.intoArray(outputSquares, outRow + i);
                gradient.mul(rate).div(squares.lanewise(VectorOperators.SQRT)).add(out).intoArray(output, outRow + i);
            }
        }
    }

    /** Sum of the SGNS loss (-log σ) over samples since the last call, and resets it. */
    double takeLossSum() {
        double taken = lossSum;
        lossSum = 0;
        return taken;
    }

    /** Number of samples (positive and negative) since the last call, and resets it. */
    long takeLossSamples() {
        long taken = lossSamples;
        lossSamples = 0;
        return taken;
    }
}
