package org.item2vec.learn.sgns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SgnsKernelTest {
    private static SgnsKernel kernel(float[] input, float[] output, int stride) {
        SgnsKernel kernel = new SgnsKernel(input, output, stride, 1,
                NoiseDistribution.unigram(new long[] {1, 1}, 0.75), null, 0, Randoms.seed(1, 0));
        kernel.setAlpha(0.025f);
        return kernel;
    }

    @Test
    void aScoreJustBelowTheSigmoidTablesEndIsHandled() {
        int stride = SgnsKernel.strideFor(1);
        float[] input = new float[2 * stride];
        float[] output = new float[2 * stride];
        input[0] = 1f;
        output[stride] = Math.nextDown(SgnsKernel.MAX_EXP);
        output[0] = Math.nextDown(SgnsKernel.MAX_EXP);
        SgnsKernel kernel = kernel(input, output, stride);
        kernel.trainPair(0, 1);
        kernel.trainPair(0, 0);
        assertTrue(Float.isFinite(input[0]));
    }

    @Test
    void aPositivePairMovesTheScoreUpAndPaddingStaysZero() {
        int dim = 3;
        int stride = SgnsKernel.strideFor(dim);
        float[] input = new float[2 * stride];
        float[] output = new float[2 * stride];
        for (int i = 0; i < dim; i++) {
            input[i] = 0.1f * (i + 1);
            output[stride + i] = 0.05f;
        }
        SgnsKernel kernel = kernel(input, output, stride);
        float before = score(input, output, stride, 0, 1, dim);
        for (int step = 0; step < 50; step++) {
            kernel.trainPair(0, 1);
        }
        assertTrue(score(input, output, stride, 0, 1, dim) > before);
        for (int i = dim; i < stride; i++) {
            assertEquals(0f, input[i]);
            assertEquals(0f, output[stride + i]);
        }
        assertTrue(kernel.takeLossSamples() > 0);
    }

    private static float score(float[] input, float[] output, int stride, int in, int out, int dim) {
        float sum = 0;
        for (int i = 0; i < dim; i++) {
            sum += input[in * stride + i] * output[out * stride + i];
        }
        return sum;
    }
}
