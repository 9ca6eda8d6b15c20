package org.item2vec.trainer.online;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.item2vec.trainer.vectors.Embeddings;
import org.item2vec.trainer.vectors.VectorMath;
import org.junit.jupiter.api.Test;

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
            hits[table.sample(random)]++;
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
}
