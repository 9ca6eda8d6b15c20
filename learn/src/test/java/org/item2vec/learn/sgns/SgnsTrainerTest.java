package org.item2vec.learn.sgns;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.item2vec.learn.corpus.Corpus;
import org.item2vec.learn.corpus.CorpusBuilder;
import org.item2vec.learn.vectors.Embeddings;
import org.item2vec.learn.vectors.VectorMath;
import org.junit.jupiter.api.Test;

class SgnsTrainerTest {
    private static final int CLUSTER_SIZE = 10;

    /** Sessions drawn from one of two clusters of tokens ("a0".."a9", "b0".."b9") that never co-occur. */
    private static Corpus plantedClusters(long seed, String bookedInClusterA) {
        Random random = new Random(seed);
        CorpusBuilder builder = new CorpusBuilder();
        for (int s = 0; s < 600; s++) {
            String cluster = s % 2 == 0 ? "a" : "b";
            List<String> items = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                items.add(cluster + random.nextInt(CLUSTER_SIZE));
            }
            builder.addSession(items, cluster.equals("a") ? bookedInClusterA : null);
        }
        return builder.build(1);
    }

    private static TrainingConfig.Builder smallConfig() {
        return TrainingConfig.builder().dim(16).window(3).negative(5).sample(0).minCount(1).epochs(5).threads(1)
                .seed(11);
    }

    private static float cosine(Embeddings model, String x, String y) {
        int a = model.vocabulary().indexOf(x) * model.stride();
        int b = model.vocabulary().indexOf(y) * model.stride();
        float[] m = model.input();
        int dim = model.dim();
        return VectorMath.dot(m, a, m, b, dim)
                / (float) Math.sqrt(VectorMath.dot(m, a, m, a, dim) * VectorMath.dot(m, b, m, b, dim));
    }

    private static void assertClustersSeparate(Embeddings model) {
        double within = 0;
        double across = 0;
        int pairs = 0;
        for (int i = 0; i < CLUSTER_SIZE; i++) {
            for (int j = 0; j < CLUSTER_SIZE; j++) {
                if (i != j) {
                    within += cosine(model, "a" + i, "a" + j) + cosine(model, "b" + i, "b" + j);
                    across += cosine(model, "a" + i, "b" + j) + cosine(model, "b" + i, "a" + j);
                    pairs += 2;
                }
            }
        }
        within /= pairs;
        across /= pairs;
        assertTrue(within > across + 0.5, "within-cluster cosine " + within + " vs across " + across);
    }

    @Test
    void plantedClustersSeparate() throws Exception {
        assertClustersSeparate(new SgnsTrainer(smallConfig().build()).train(plantedClusters(1, null)).embeddings());
    }

    @Test
    void plantedClustersSeparateWithTwoThreads() throws Exception {
        assertClustersSeparate(new SgnsTrainer(smallConfig().threads(2).build())
                .train(plantedClusters(2, null)).embeddings());
    }

    @Test
    void plantedClustersSeparateWithTheWholeSessionAsContext() throws Exception {
        assertClustersSeparate(new SgnsTrainer(smallConfig().contextMode(ContextMode.SESSION).build())
                .train(plantedClusters(3, null)).embeddings());
    }

    @Test
    void oneThreadAndASeedGiveTheSameVectorsTwice() throws Exception {
        Corpus corpus = plantedClusters(4, null);
        TrainingConfig config = smallConfig().sample(1e-2).build();
        Embeddings first = new SgnsTrainer(config).train(corpus).embeddings();
        Embeddings second = new SgnsTrainer(config).train(corpus).embeddings();
        assertArrayEquals(first.input(), second.input());
        assertArrayEquals(first.output(), second.output());

        Embeddings otherSeed = new SgnsTrainer(smallConfig().sample(1e-2).seed(12).build()).train(corpus).embeddings();
        assertFalse(Arrays.equals(first.input(), otherSeed.input()));
    }

    @Test
    void theBookedItemBecomesAContextOfEveryItemInItsSessions() throws Exception {
        Corpus corpus = plantedClusters(5, "hotel");
        double with = meanNextScore(new SgnsTrainer(smallConfig().build()).train(corpus).embeddings(), "hotel");
        double without = meanNextScore(new SgnsTrainer(smallConfig().bookedContext(false).build())
                .train(corpus).embeddings(), "hotel");
        assertTrue(with > 0.5, "σ(in·out) towards the booked item with booked context: " + with);
        assertTrue(without < 0.5, "σ(in·out) towards the booked item without booked context: " + without);
    }

    /** Mean σ(in[a_i] · out[target]) over cluster a. */
    private static double meanNextScore(Embeddings model, String target) {
        int t = model.vocabulary().indexOf(target) * model.stride();
        double sum = 0;
        for (int i = 0; i < CLUSTER_SIZE; i++) {
            int a = model.vocabulary().indexOf("a" + i) * model.stride();
            sum += 1 / (1 + Math.exp(-VectorMath.dot(model.input(), a, model.output(), t, model.dim())));
        }
        return sum / CLUSTER_SIZE;
    }

    @Test
    void marketNegativesTrainWithMarketsAndKeepClustersApart() throws Exception {
        Corpus corpus = plantedClusters(6, null);
        int[] markets = new int[corpus.vocabulary().size()];
        for (int item = 0; item < markets.length; item++) {
            markets[item] = corpus.vocabulary().token(item).startsWith("a") ? 0 : 1;
        }
        SgnsTrainer.Result result = new SgnsTrainer(smallConfig().marketNegatives(3).build()).markets(markets)
                .train(corpus);
        assertClustersSeparate(result.embeddings());
        assertTrue(Double.isFinite(result.status().loss()));
    }

    @Test
    void reportsProgressAndCountsEveryWordOfEveryEpoch() throws Exception {
        Corpus corpus = plantedClusters(7, null);
        List<TrainingStatus> seen = new ArrayList<>();
        SgnsTrainer.Result result = new SgnsTrainer(smallConfig().build())
                .onProgress(seen::add, java.time.Duration.ofMillis(1))
                .train(corpus);
        assertEquals(corpus.tokenCount() * 5, result.status().wordsDone());
        assertEquals(1.0, result.status().fractionDone());
        assertTrue(result.status().format().contains("words/s/thread"));
        assertFalse(seen.isEmpty());
    }

    @Test
    void startsKnownItemsFromInitialVectors() throws Exception {
        Corpus corpus = plantedClusters(8, null);
        Embeddings pretrained = new SgnsTrainer(smallConfig().build()).train(corpus).embeddings();
        SgnsTrainer.Result result = new SgnsTrainer(smallConfig().epochs(1).alpha(1e-6f).build())
                .initialVectors(pretrained).train(corpus);
        assertEquals(corpus.vocabulary().size(), result.initializedFromVectors());
        // With a negligible learning rate the vectors stay where they started.
        assertEquals(pretrained.input()[0], result.embeddings().input()[0], 1e-3);
        assertClustersSeparate(result.embeddings());
    }

    @Test
    void interruptingTrainingStopsItsWorkers() throws Exception {
        Corpus corpus = plantedClusters(9, null);
        CountDownLatch underWay = new CountDownLatch(1);
        SgnsTrainer trainer = new SgnsTrainer(smallConfig().epochs(1_000_000).threads(2).build())
                .onProgress(status -> {
                    if (status.wordsDone() > 0) {
                        underWay.countDown();
                    }
                }, Duration.ofMillis(10));
        AtomicReference<Throwable> outcome = new AtomicReference<>();
        Thread training = new Thread(() -> {
            try {
                trainer.train(corpus);
            } catch (Throwable t) {
                outcome.set(t);
            }
        });
        training.start();
        assertTrue(underWay.await(60, TimeUnit.SECONDS), "training never got under way");
        assertTrue(workersAlive(), "the workers run while training is under way");
        training.interrupt();
        training.join(60_000);
        assertFalse(training.isAlive());
        assertTrue(outcome.get() instanceof InterruptedException, String.valueOf(outcome.get()));
        await("the training workers stopping after the interrupt").atMost(Duration.ofSeconds(60))
                .until(() -> !workersAlive());
    }

    private static boolean workersAlive() {
        return Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.getName().startsWith("sgns-worker") && t.isAlive());
    }

    @Test
    void anEmptyCorpusIsAClearError() {
        Corpus empty = new CorpusBuilder().build(5);
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> new SgnsTrainer(smallConfig().build()).train(empty));
        assertTrue(error.getMessage().contains("empty"), error.getMessage());
    }

    @Test
    void badParametersAreRejectedWithTheirName() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> TrainingConfig.builder().dim(0).build());
        assertTrue(error.getMessage().contains("dim"), error.getMessage());
        assertThrows(IllegalArgumentException.class, () -> TrainingConfig.builder().sample(-1).build());
        assertThrows(IllegalArgumentException.class, () -> TrainingConfig.builder().threads(0).build());
    }
}
