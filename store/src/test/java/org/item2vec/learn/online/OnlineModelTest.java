package org.item2vec.learn.online;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.item2vec.events.messages.Listing;
import org.item2vec.learn.vectors.Embeddings;
import org.item2vec.learn.vectors.VectorMath;
import org.item2vec.learn.vocab.Vocabulary;
import org.item2vec.store.EmbeddingStoreReader;
import org.item2vec.store.EmbeddingStoreWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OnlineModelTest {
    private static final OnlineParams SMALL = new OnlineParams(16, 5, 0.05f, 0.75, 1000, 1 << 14, 3);

    /** Two groups of items that are only ever clicked together within their group. */
    private static void trainTwoClusters(OnlineModel model, int sessions, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        for (int s = 0; s < sessions; s++) {
            String cluster = s % 2 == 0 ? "a" : "b";
            String previous = null;
            for (int i = 0; i < 6; i++) {
                String item = cluster + random.nextInt(10);
                int row = model.observe(item, ColdStart.NONE, random);
                if (previous != null && !previous.equals(item)) {
                    int before = model.rowOf(previous);
                    model.trainPair(row, before, random);
                    model.trainPair(before, row, random);
                }
                previous = item;
            }
        }
    }

    private static double cosine(Embeddings e, String a, String b) {
        int dim = e.dim();
        float[] x = new float[dim];
        float[] y = new float[dim];
        System.arraycopy(e.input(), e.vocabulary().indexOf(a) * dim, x, 0, dim);
        System.arraycopy(e.input(), e.vocabulary().indexOf(b) * dim, y, 0, dim);
        return VectorMath.dot(x, 0, y, 0, dim) / Math.sqrt(VectorMath.dot(x, 0, x, 0, dim) * VectorMath.dot(y, 0, y, 0, dim));
    }

    @Test
    void itemsClickedTogetherEndUpCloserThanItemsNeverClickedTogether() {
        OnlineModel model = new OnlineModel(SMALL);
        trainTwoClusters(model, 3000, 1);
        Embeddings e = model.toEmbeddings();

        double within = 0;
        double across = 0;
        for (int i = 0; i < 10; i++) {
            within += cosine(e, "a" + i, "a" + ((i + 1) % 10)) + cosine(e, "b" + i, "b" + ((i + 1) % 10));
            across += cosine(e, "a" + i, "b" + i) * 2;
        }
        assertTrue(within / 20 > 0.5, "within-cluster cosine " + within / 20);
        assertTrue(across / 20 < 0.1, "across-cluster cosine " + across / 20);
        assertEquals(20, model.size());
    }

    @Test
    void aUniformNoiseTableHoldsEveryItemOnce() {
        AdaptiveNoiseTable table = new AdaptiveNoiseTable(1024, 0);
        SplittableRandom random = new SplittableRandom(5);
        for (int row = 0; row < 3; row++) {
            for (long count = 1; count <= 10 * (row + 1); count++) {
                table.add(row, count, random);
            }
        }
        assertEquals(3, table.filled(), "exponent 0: one slot per item, whatever its count");
        assertEquals(3.0, table.mass());
    }

    @Test
    void theNoiseTableFollowsCountsToThePowerAlpha() {
        AdaptiveNoiseTable table = new AdaptiveNoiseTable(1 << 16, 0.75);
        SplittableRandom random = new SplittableRandom(5);
        long[] counts = new long[4];
        long[] target = {100_000, 20_000, 5_000, 1_000};
        // Occurrences interleaved, as in a stream.
        for (int step = 0; step < 126_000; step++) {
            int row = step % 126 < 100 ? 0 : step % 126 < 120 ? 1 : step % 126 < 125 ? 2 : 3;
            if (counts[row] < target[row]) {
                table.add(row, ++counts[row], random);
            }
        }
        double z = 0;
        for (long c : counts) {
            z += Math.pow(c, 0.75);
        }
        int[] hits = new int[4];
        for (int i = 0; i < 400_000; i++) {
            hits[table.sample(random.nextLong())]++;
        }
        for (int row = 0; row < 4; row++) {
            double expected = Math.pow(counts[row], 0.75) / z;
            double observed = hits[row] / 400_000.0;
            assertEquals(expected, observed, 0.15 * expected + 0.002, "row " + row);
        }
        assertEquals(z, table.mass(), 1e-6 * z);
    }

    @Test
    void theVocabularyStaysBoundedByEvictingRareItems() {
        OnlineModel model = new OnlineModel(new OnlineParams(8, 2, 0.05f, 0.75, 50, 1 << 12, 1));
        SplittableRandom random = new SplittableRandom(9);
        for (int i = 0; i < 20; i++) {
            for (int repeat = 0; repeat < 100; repeat++) {
                model.observe("popular" + i, ColdStart.NONE, random);
            }
        }
        for (int i = 0; i < 500; i++) {
            model.observe("rare" + i, ColdStart.NONE, random);
        }
        assertEquals(50, model.size());
        for (int i = 0; i < 20; i++) {
            assertTrue(model.contains("popular" + i), "popular" + i + " must survive");
        }
        assertTrue(model.takeEvicted().size() >= 450);
    }

    @Test
    void aNewListingStartsFromTheMeanOfItsNearestPeers() {
        OnlineModel model = new OnlineModel(SMALL);
        trainTwoClusters(model, 500, 2);
        ListingCatalog catalog = new ListingCatalog();
        catalog.put(new Listing("a1", "paris", "flat", 100.0, 48.85, 2.35));
        catalog.put(new Listing("a2", "paris", "flat", 110.0, 48.86, 2.36));
        catalog.put(new Listing("a3", "paris", "flat", 105.0, 48.80, 2.30));
        catalog.put(new Listing("a4", "paris", "flat", 100.0, 43.30, 5.40)); // far away
        catalog.put(new Listing("b1", "paris", "house", 100.0, 48.85, 2.35)); // other type
        catalog.put(new Listing("new", "paris", "flat", 102.0, 48.851, 2.351));

        assertEquals(List.of("a1", "a2", "a3"), catalog.peersOf("new", model::contains));
        int row = model.observe("new", catalog, new SplittableRandom(1));
        float[] vectors = new float[32];
        float[] squares = new float[32];
        model.copyRow(row, vectors, squares);
        float[] expected = new float[32];
        float[] peer = new float[32];
        for (String p : List.of("a1", "a2", "a3")) {
            model.copyRow(model.rowOf(p), peer, squares);
            for (int j = 0; j < 32; j++) {
                expected[j] += peer[j] / 3;
            }
        }
        assertArrayEquals(expected, vectors, 1e-6f);
    }

    @Test
    void aRestoredModelContinuesExactlyAsTheOriginal() {
        OnlineModel original = new OnlineModel(SMALL);
        trainTwoClusters(original, 300, 4);

        OnlineModel restored = new OnlineModel(SMALL);
        float[] vectors = new float[32];
        float[] squares = new float[32];
        for (int row = 0; row < 20; row++) {
            original.copyRow(row, vectors, squares);
            restored.restoreRow(original.item(row), row, original.count(row), vectors, squares);
        }
        for (int chunk = 0; chunk < original.noise().chunkCount(); chunk++) {
            restored.noise().restoreChunk(chunk, original.noise().chunk(chunk));
        }
        restored.noise().restoreState(original.noise().filled(), original.noise().mass());
        restored.finishRestore(original.appliedPairs());

        trainTwoClusters(original, 200, 5);
        trainTwoClusters(restored, 200, 5);
        assertArrayEquals(original.toEmbeddings().input(), restored.toEmbeddings().input());
        assertArrayEquals(original.toEmbeddings().output(), restored.toEmbeddings().output());
        assertEquals(original.appliedPairs(), restored.appliedPairs());
    }

    /**
     * Embeddings as the batch trainer leaves them: most frequent first, rows {@code stride} floats apart with zero
     * padding, distinct values everywhere so that a row copied from the wrong place shows.
     */
    private static Embeddings trained(int dim, int stride, long... counts) {
        String[] tokens = new String[counts.length];
        float[] input = new float[counts.length * stride];
        float[] output = new float[counts.length * stride];
        SplittableRandom random = new SplittableRandom(11);
        for (int row = 0; row < counts.length; row++) {
            tokens[row] = "t" + row;
            for (int j = 0; j < dim; j++) {
                input[row * stride + j] = (float) random.nextDouble(-1, 1);
                output[row * stride + j] = (float) random.nextDouble(-1, 1);
            }
        }
        return new Embeddings(Vocabulary.ofOrdered(tokens, counts), dim, stride, input, output);
    }

    private static float[] row(float[] matrix, int row, int stride, int dim) {
        return Arrays.copyOfRange(matrix, row * stride, row * stride + dim);
    }

    @Test
    void aContinuingModelStartsWithTheTrainedVectorsAndCounts() {
        OnlineParams params = new OnlineParams(4, 3, 0.05f, 0.75, 1000, 1 << 12, 3);
        Embeddings trained = trained(4, 8, 50, 40, 30, 20, 10);
        OnlineModel model = OnlineModel.continuing(params, trained);

        assertEquals(5, model.size());
        assertEquals(0, model.appliedPairs());
        float[] vectors = new float[8];
        float[] squares = new float[8];
        for (int i = 0; i < 5; i++) {
            String token = trained.vocabulary().token(i);
            int row = model.rowOf(token);
            assertTrue(row >= 0, token);
            assertEquals(trained.vocabulary().count(i), model.count(row), token);
            model.copyRow(row, vectors, squares);
            assertArrayEquals(row(trained.input(), i, 8, 4), Arrays.copyOfRange(vectors, 0, 4), token);
            assertArrayEquals(row(trained.output(), i, 8, 4), Arrays.copyOfRange(vectors, 4, 8), token);
            float[] trainedAccumulators = new float[8];
            Arrays.fill(trainedAccumulators, OnlineModel.TRAINED_ACCUMULATOR);
            assertArrayEquals(trainedAccumulators, squares, token);
        }
        Embeddings back = model.toEmbeddings();
        for (int i = 0; i < 5; i++) {
            assertEquals(trained.vocabulary().token(i), back.vocabulary().token(i));
            assertArrayEquals(row(trained.input(), i, 8, 4), row(back.input(), i, back.stride(), 4));
        }
    }

    @Test
    void aContinuingModelKeepsOnlyTheMostFrequentItemsItHasRoomFor() {
        OnlineParams params = new OnlineParams(4, 3, 0.05f, 0.75, 3, 1 << 12, 3);
        OnlineModel model = OnlineModel.continuing(params, trained(4, 4, 50, 40, 30, 20, 10));

        assertEquals(3, model.size());
        assertTrue(model.contains("t0") && model.contains("t1") && model.contains("t2"));
        assertFalse(model.contains("t3"));
        assertFalse(model.contains("t4"));
        SplittableRandom random = new SplittableRandom(1);
        for (int i = 0; i < 10_000; i++) {
            int sample = model.noise().sample(random.nextLong());
            assertTrue(sample >= 0 && sample < 3, "noise row " + sample);
        }
    }

    @Test
    void aContinuingModelNeedsBothMatricesOfItsOwnDimension() {
        OnlineParams params = new OnlineParams(4, 3, 0.05f, 0.75, 1000, 1 << 12, 3);
        IllegalArgumentException wrongDim = assertThrows(IllegalArgumentException.class,
                () -> OnlineModel.continuing(params, trained(8, 8, 3, 2, 1)));
        assertTrue(wrongDim.getMessage().contains("8"), wrongDim.getMessage());

        Embeddings inputOnly = new Embeddings(Vocabulary.ofOrdered(new String[] {"a"}, new long[] {1}), 4, 4,
                new float[4], null);
        assertThrows(IllegalArgumentException.class, () -> OnlineModel.continuing(params, inputOnly));
    }

    @Test
    void aFilledNoiseTableGivesEachRowItsShareOfCountToThePowerAlpha() {
        AdaptiveNoiseTable table = new AdaptiveNoiseTable(1 << 14, 0.75);
        // The last count lies beyond the rows the table is filled from and must not be drawn.
        table.fill(new long[] {16, 4, 1, 1000}, 3);

        double[] weights = {8, Math.pow(4, 0.75), 1};
        double total = weights[0] + weights[1] + weights[2];
        assertEquals(table.size(), table.filled());
        assertEquals(total, table.mass(), 1e-9);
        int[] slots = new int[4];
        for (int chunk = 0; chunk < table.chunkCount(); chunk++) {
            for (int row : table.chunk(chunk)) {
                slots[row]++;
            }
        }
        for (int row = 0; row < 3; row++) {
            assertEquals(weights[row] / total * table.size(), slots[row], 1.0, "slots of row " + row);
        }
        assertEquals(0, slots[3]);

        SplittableRandom random = new SplittableRandom(2);
        int[] hits = new int[4];
        int draws = 200_000;
        for (int i = 0; i < draws; i++) {
            hits[table.sample(random.nextLong())]++;
        }
        for (int row = 0; row < 3; row++) {
            assertEquals(weights[row] / total, hits[row] / (double) draws, 0.01, "share of row " + row);
        }
    }

    @Test
    void aNoiseTableFilledFromNothingStaysEmpty() {
        AdaptiveNoiseTable table = new AdaptiveNoiseTable(1024, 0.75);
        table.fill(new long[] {0, 0}, 2);
        assertEquals(0, table.filled());
        assertEquals(-1, table.sample(1L));
    }

    @Test
    void aContinuingModelSamplesNoiseByCountAndKeepsLearning() {
        OnlineParams params = new OnlineParams(4, 5, 0.05f, 0.75, 1000, 1 << 14, 3);
        OnlineModel model = OnlineModel.continuing(params, trained(4, 4, 16, 4, 1));
        double[] weights = {8, Math.pow(4, 0.75), 1};
        double total = weights[0] + weights[1] + weights[2];
        SplittableRandom random = new SplittableRandom(4);
        int[] hits = new int[3];
        int draws = 200_000;
        for (int i = 0; i < draws; i++) {
            int sample = model.noise().sample(random.nextLong());
            assertTrue(sample >= 0 && sample < 3, "noise row " + sample);
            hits[sample]++;
        }
        for (int row = 0; row < 3; row++) {
            assertEquals(weights[row] / total, hits[row] / (double) draws, 0.01, "share of row " + row);
        }

        float[] before = new float[8];
        float[] after = new float[8];
        float[] squares = new float[8];
        int center = model.rowOf("t2");
        int context = model.rowOf("t1");
        model.copyRow(center, before, squares);
        for (int i = 0; i < 50; i++) {
            model.trainPair(center, context, random);
        }
        assertEquals(50, model.appliedPairs());
        model.copyRow(center, after, squares);
        assertFalse(Arrays.equals(before, after), "training moves the trained vectors");
        assertTrue(squares[0] > OnlineModel.TRAINED_ACCUMULATOR, "gradients add to the accumulators");

        int newcomer = model.observe("new", ColdStart.NONE, random);
        assertEquals(4, model.size());
        assertEquals(1, model.count(newcomer));
        model.trainPair(newcomer, center, random);
        assertEquals(51, model.appliedPairs());
    }

    @Test
    void aContinuingModelSurvivesTheStoreUnchanged(@TempDir Path dir) {
        OnlineParams params = new OnlineParams(4, 3, 0.05f, 0.75, 1000, 1 << 13, 3);
        OnlineModel continuing = OnlineModel.continuing(params, trained(4, 4, 90, 50, 50, 7, 2, 1));
        try (EmbeddingStoreWriter store = EmbeddingStoreWriter.open(dir.resolve("model"))) {
            store.initialize(params);
            store.saveEverything(continuing, Map.of("sessions:0", 12L), List.of(), 0);
        }
        OnlineModel loaded;
        try (EmbeddingStoreReader store = EmbeddingStoreReader.openReadOnly(dir.resolve("model"))) {
            loaded = store.loadModel();
        }

        Embeddings expected = continuing.toEmbeddings();
        Embeddings actual = loaded.toEmbeddings();
        assertEquals(expected.size(), actual.size());
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.vocabulary().token(i), actual.vocabulary().token(i));
            assertEquals(expected.vocabulary().count(i), actual.vocabulary().count(i));
        }
        assertArrayEquals(expected.input(), actual.input());
        assertArrayEquals(expected.output(), actual.output());
        assertEquals(continuing.noise().filled(), loaded.noise().filled());
        assertEquals(continuing.noise().mass(), loaded.noise().mass());

        // Same noise table, same accumulators: both learn the same from the same pairs.
        SplittableRandom a = new SplittableRandom(6);
        SplittableRandom b = new SplittableRandom(6);
        for (int i = 0; i < 200; i++) {
            String center = "t" + (i % 6);
            String context = "t" + ((i + 1) % 6);
            continuing.trainPair(continuing.rowOf(center), continuing.rowOf(context), a);
            loaded.trainPair(loaded.rowOf(center), loaded.rowOf(context), b);
        }
        assertArrayEquals(continuing.toEmbeddings().input(), loaded.toEmbeddings().input());
        assertArrayEquals(continuing.toEmbeddings().output(), loaded.toEmbeddings().output());
    }
}
