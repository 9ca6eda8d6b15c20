package org.item2vec.learn.online;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.item2vec.events.sessions.ClickEvent;
import org.item2vec.events.sessions.Session;
import org.item2vec.events.sessions.SessionRules;
import org.item2vec.events.sessions.Sessionizer;
import org.item2vec.learn.corpus.Corpus;
import org.item2vec.learn.corpus.CorpusBuilder;
import org.item2vec.learn.eval.NextItemEvaluation;
import org.item2vec.learn.sgns.SgnsTrainer;
import org.item2vec.learn.sgns.TrainingConfig;
import org.item2vec.learn.vectors.Embeddings;
import org.item2vec.learn.vectors.SimilaritySearch;
import org.item2vec.learn.vectors.SimilaritySearch.Scoring;
import org.item2vec.store.EmbeddingStoreWriter;
import org.item2vec.trainer.demo.DemoMarketplace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Incremental training against the batch trainer on the same sessions: the stream is learned in two
 * halves, with the model saved to and reloaded from RocksDB in between, one pass over each session
 * (as the batch trainer's single epoch), and both are scored by next-item HitRate@20 on later sessions.
 */
class IncrementalQualityTest {
    private static final int WINDOW = 5;
    private static final int K = 20;

    @TempDir
    Path dir;

    @Test
    void twoIncrementalHalvesComeWithinTenPercentOfOneBatchModel() throws Exception {
        List<Session> sessions = sessionsInTimeOrder(DemoMarketplace.generate(4000, 17).clicks());
        int testFrom = sessions.size() * 4 / 5;
        List<Session> train = sessions.subList(0, testFrom);
        List<Session> test = sessions.subList(testFrom, sessions.size());

        CorpusBuilder builder = new CorpusBuilder();
        train.forEach(s -> builder.addSession(s.items(), s.booked()));
        Corpus corpus = builder.build(1);
        Embeddings batch = new SgnsTrainer(TrainingConfig.builder().dim(32).window(WINDOW).negative(5)
                .sample(0).epochs(1).threads(1).seed(3).build()).train(corpus).embeddings();

        OnlineParams params = new OnlineParams(32, 5, 0.05f, 0.75, 100_000, 1 << 20, 3);
        List<Session> firstHalf = train.subList(0, train.size() / 2);
        List<Session> secondHalf = train.subList(train.size() / 2, train.size());
        Path store = dir.resolve("model");
        try (EmbeddingStoreWriter embeddingStore = EmbeddingStoreWriter.open(store)) {
            embeddingStore.initialize(params);
            IncrementalTraining first = new IncrementalTraining(new OnlineModel(params), new ListingCatalog());
            stream(first, firstHalf, 0);
            embeddingStore.save(first.model(), Map.of(), List.of(), firstHalf.size());
        }
        Embeddings incremental;
        try (EmbeddingStoreWriter embeddingStore = EmbeddingStoreWriter.open(store)) {
            IncrementalTraining second = new IncrementalTraining(embeddingStore.loadModel(), new ListingCatalog());
            stream(second, secondHalf, firstHalf.size());
            incremental = second.model().toEmbeddings();
        }

        double batchHitRate = hitRate(batch, test, Scoring.NEXT);
        double incrementalHitRate = hitRate(incremental, test, Scoring.NEXT);
        System.out.printf("next-item HR@%d on %d held-out sessions: batch %.4f, incremental (two halves) %.4f"
                        + " (cosine: batch %.4f, incremental %.4f)%n", K, test.size(), batchHitRate,
                incrementalHitRate, hitRate(batch, test, Scoring.SIMILAR), hitRate(incremental, test, Scoring.SIMILAR));
        assertTrue(batchHitRate > 0.2, "the batch model should have learned something: " + batchHitRate);
        assertTrue(incrementalHitRate >= 0.9 * batchHitRate,
                "incremental " + incrementalHitRate + " vs batch " + batchHitRate);
    }

    /** Feeds sessions as the streaming topology would: one update per click, then the finished session. */
    private static void stream(IncrementalTraining training, List<Session> sessions, long firstOffset) {
        long offset = firstOffset;
        for (Session session : sessions) {
            List<String> items = session.items();
            for (int i = 1; i < items.size(); i++) {
                training.applyUpdate(items.get(i), items.subList(Math.max(0, i - WINDOW), i), offset * 1000 + i);
            }
            training.applySession(items, session.booked(), offset * 1000);
            offset++;
        }
    }

    private static double hitRate(Embeddings model, List<Session> test, Scoring scoring) {
        List<int[]> indexed = new ArrayList<>();
        for (Session session : test) {
            indexed.add(session.items().stream().mapToInt(model.vocabulary()::indexOf).toArray());
        }
        SimilaritySearch search = new SimilaritySearch(model);
        return new NextItemEvaluation(indexed, model.size())
                .evaluate(scoring.name(), (query, into) -> search.scores(query, scoring, into), K).hitRate();
    }

    private static List<Session> sessionsInTimeOrder(List<ClickEvent> clicks) {
        return clicks.stream().collect(Collectors.groupingBy(ClickEvent::user)).values().stream()
                .flatMap(events -> Sessionizer.cut(events, SessionRules.DEFAULT).stream())
                .sorted(Comparator.comparingLong(Session::startMs).thenComparing(Session::user))
                .toList();
    }
}
