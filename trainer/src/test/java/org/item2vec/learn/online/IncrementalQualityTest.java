package org.item2vec.learn.online;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import org.item2vec.events.sessions.ClickEvent;
import org.item2vec.events.sessions.Session;
import org.item2vec.events.sessions.SessionRules;
import org.item2vec.events.sessions.Sessionizer;
import org.item2vec.learn.eval.NextItemEvaluation;
import org.item2vec.learn.sgns.SgnsTrainer;
import org.item2vec.learn.vectors.Embeddings;
import org.item2vec.learn.vectors.SimilaritySearch.Scoring;
import org.item2vec.learn.vectors.SimilaritySearch;
import org.item2vec.store.EmbeddingStore;
import org.item2vec.trainer.retrain.RetrainConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Incremental training against the batch trainer on the same sessions: the stream is replayed as the streaming
 * service sends it (one update per click in time order, then each session's end) in two halves, with the
 * model saved to and reloaded from RocksDB in between (its remembered sessions too), and both models are
 * scored by next-item HitRate@20 and MRR@20 on later sessions, in both scorings.
 */
class IncrementalQualityTest {
    private static final int K = 20;

    @TempDir
    Path dir;

    @Test
    void twoIncrementalHalvesComeWithinFivePercentOfTheBatchModelInBothScorings() throws Exception {
        List<Session> sessions = sessionsInTimeOrder(DemoMarketplace.generate(4000, 17).clicks());
        int testFrom = sessions.size() * 4 / 5;
        List<Session> train = sessions.subList(0, testFrom);
        List<Session> test = sessions.subList(testFrom, sessions.size());

        CorpusBuilder builder = new CorpusBuilder();
        train.forEach(s -> builder.addSession(s.items(), s.booked()));
        Corpus corpus = builder.build(1);
        Embeddings batch = new SgnsTrainer(RetrainConfig.CLICK_DEFAULTS.toBuilder().threads(1).seed(3).build())
                .train(corpus).embeddings();

        OnlineParams params = OnlineParams.DEFAULT;
        List<Session> firstHalf = train.subList(0, train.size() / 2);
        List<Session> secondHalf = train.subList(train.size() / 2, train.size());
        Path store = dir.resolve("model");
        try (EmbeddingStoreWriter embeddingStore = EmbeddingStoreWriter.open(store)) {
            embeddingStore.initialize(params);
            IncrementalTraining first = new IncrementalTraining(new OnlineModel(params), new ListingCatalog());
            new SessionReplay(5, 1).replay(firstHalf, first);
            embeddingStore.save(first.model(), Map.of(), List.of(), firstHalf.size());
        }
        Embeddings incremental;
        try (EmbeddingStoreWriter embeddingStore = EmbeddingStoreWriter.open(store)) {
            IncrementalTraining second = new IncrementalTraining(embeddingStore.loadModel(), new ListingCatalog());
            assertEquals(Math.min(firstHalf.size(), params.memory()), second.model().memory().size(),
                    "the remembered sessions come back from the store");
            new SessionReplay(5, 2).replay(secondHalf, second);
            incremental = second.model().toEmbeddings();
        }

        for (Scoring scoring : Scoring.values()) {
            NextItemEvaluation.Result batchResult = evaluate(batch, test, scoring);
            NextItemEvaluation.Result liveResult = evaluate(incremental, test, scoring);
            System.out.printf("%s, %d held-out sessions: batch HR@%d %.4f MRR@%d %.4f, incremental (two halves)"
                            + " HR@%d %.4f MRR@%d %.4f%n", scoring, test.size(), K, batchResult.hitRate(), K,
                    batchResult.mrr(), K, liveResult.hitRate(), K, liveResult.mrr());
            assertTrue(batchResult.hitRate() > 0.2, "the batch model should have learned something: " + batchResult);
            assertTrue(liveResult.hitRate() >= 0.95 * batchResult.hitRate(), liveResult + " vs " + batchResult);
            assertTrue(liveResult.mrr() >= 0.95 * batchResult.mrr(), liveResult + " vs " + batchResult);
        }
    }

    private static NextItemEvaluation.Result evaluate(Embeddings model, List<Session> test, Scoring scoring) {
        List<int[]> indexed = new ArrayList<>();
        for (Session session : test) {
            indexed.add(session.items().stream().mapToInt(model.vocabulary()::indexOf).toArray());
        }
        SimilaritySearch search = new SimilaritySearch(model);
        return new NextItemEvaluation(indexed, model.size())
                .evaluate(scoring.name(), (query, into) -> search.scores(query, scoring, into), K);
    }

    private static List<Session> sessionsInTimeOrder(List<ClickEvent> clicks) {
        return clicks.stream().collect(Collectors.groupingBy(ClickEvent::user)).values().stream()
                .flatMap(events -> Sessionizer.cut(events, SessionRules.DEFAULT).stream())
                .sorted(Comparator.comparingLong(Session::startMs).thenComparing(Session::user))
                .toList();
    }
}
