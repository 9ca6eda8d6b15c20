package org.item2vec.benchmarks;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.item2vec.learn.sgns.MarketNoise;
import org.item2vec.learn.sgns.NoiseDistribution;
import org.item2vec.learn.sgns.SgnsKernel;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The innermost training step: one (input, context) pair with {@code negative} negative samples, on
 * text8-sized matrices (22,541 items), at the vector sizes the peers were measured at.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar SgnsKernelBenchmark}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector"})
public class SgnsKernelBenchmark {
    private static final int ITEMS = 22_541;
    private static final int PAIRS = 1024;

    @Param({"32", "100"})
    int dim;

    @Param({"5"})
    int negative;

    /** sgd: the batch trainer's step; adagrad: the live model's, with per-parameter rates. */
    @Param({"sgd", "adagrad"})
    String step;

    private SgnsKernel kernel;
    private int[] inputs;
    private int[] contexts;

    @Setup
    public void setUp() {
        SplittableRandom random = new SplittableRandom(1);
        int stride = SgnsKernel.strideFor(dim);
        float[] input = new float[ITEMS * stride];
        float[] output = new float[ITEMS * stride];
        for (int row = 0; row < ITEMS; row++) {
            for (int i = 0; i < dim; i++) {
                input[row * stride + i] = (float) (random.nextDouble() - 0.5) / dim;
                output[row * stride + i] = (float) (random.nextDouble() - 0.5) / dim;
            }
        }
        long[] counts = new long[ITEMS];
        for (int i = 0; i < ITEMS; i++) {
            counts[i] = 1 + 100_000 / (i + 1); // Zipf-like, as words are
        }
        NoiseDistribution noise = NoiseDistribution.unigram(counts, 0.75);
        if (step.equals("adagrad")) {
            float[] inputSquares = new float[input.length];
            float[] outputSquares = new float[output.length];
            Arrays.fill(inputSquares, 0.1f);
            Arrays.fill(outputSquares, 0.1f);
            kernel = SgnsKernel.adaGrad(stride, negative, noise, 0.2f);
            kernel.bind(input, output, inputSquares, outputSquares);
        } else {
            kernel = new SgnsKernel(input, output, stride, negative, noise, (MarketNoise) null, 0, 12345);
            kernel.setAlpha(0.025f);
        }
        inputs = new int[PAIRS];
        contexts = new int[PAIRS];
        NoiseDistribution pick = NoiseDistribution.unigram(counts, 1.0);
        for (int p = 0; p < PAIRS; p++) {
            inputs[p] = pick.sample(random.nextLong());
            contexts[p] = pick.sample(random.nextLong());
        }
    }

    /** Pairs per microsecond; each pair is 1 + negative dot products and updates. */
    @Benchmark
    @OperationsPerInvocation(PAIRS)
    public void trainPair() {
        for (int p = 0; p < PAIRS; p++) {
            kernel.trainPair(inputs[p], contexts[p]);
        }
    }
}
