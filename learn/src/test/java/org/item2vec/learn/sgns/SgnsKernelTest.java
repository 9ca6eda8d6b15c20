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

    @Test
    void anAdaGradStepScalesEachParametersGradientByItsOwnHistory() {
        int dim = 2;
        int stride = SgnsKernel.strideFor(dim);
        float[] input = new float[2 * stride];
        float[] output = new float[2 * stride];
        float[] inputSquares = new float[2 * stride];
        float[] outputSquares = new float[2 * stride];
        java.util.Arrays.fill(inputSquares, 0.5f);
        java.util.Arrays.fill(outputSquares, 0.5f);
        input[0] = 0.3f;
        input[1] = -0.2f;
        output[stride] = 0.1f;
        output[stride + 1] = 0.4f;
        float rate = 0.2f;
        SgnsKernel kernel = SgnsKernel.adaGrad(stride, 0, bits -> -1, rate);
        kernel.bind(input, output, inputSquares, outputSquares);

        float dot = 0.3f * 0.1f + -0.2f * 0.4f;
        // The kernel reads σ from word2vec's table, within 1e-3 of the exact value here.
        float error = (float) (1 - 1 / (1 + Math.exp(-dot)));
        kernel.trainPair(0, 1);

        float[] in = {0.3f, -0.2f};
        float[] out = {0.1f, 0.4f};
        for (int j = 0; j < dim; j++) {
            float outGradient = error * in[j];
            float inGradient = error * out[j];
            assertEquals(0.5f + outGradient * outGradient, outputSquares[stride + j], 1e-3);
            assertEquals(0.5f + inGradient * inGradient, inputSquares[j], 1e-3);
            assertEquals(out[j] + rate * outGradient / Math.sqrt(0.5 + outGradient * outGradient),
                    output[stride + j], 1e-3, "output " + j);
            assertEquals(in[j] + rate * inGradient / Math.sqrt(0.5 + inGradient * inGradient), input[j], 1e-3,
                    "input " + j);
        }
        for (int i = dim; i < stride; i++) {
            assertEquals(0f, input[i]);
            assertEquals(0f, output[stride + i]);
        }
        assertEquals(0, kernel.negativesUsed(), "a noise source with nothing to draw gives no negatives");
    }

    private static float score(float[] input, float[] output, int stride, int in, int out, int dim) {
        float sum = 0;
        for (int i = 0; i < dim; i++) {
            sum += input[in * stride + i] * output[out * stride + i];
        }
        return sum;
    }
}
