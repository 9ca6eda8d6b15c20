package org.item2vec.trainer.retrain;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.item2vec.learn.eval.NextItemEvaluation;
import org.item2vec.learn.vectors.Embeddings;
import org.item2vec.learn.vectors.SimilaritySearch;
import org.item2vec.learn.vocab.Vocabulary;
import org.item2vec.trainer.retrain.SessionHistory.Session;

/**
 * Next-item accuracy of a model on the held-out sessions, scored as the API ranks similar items (cosine of the
 * item vectors). The same sessions, drawn once at random up to a number of (previous, next) pairs, judge every
 * model, so that their figures compare.
 */
final class GateEvaluation {
    private final SessionHistory history;
    private final List<Session> sample = new ArrayList<>();
    private final int k;

    GateEvaluation(SessionHistory history, List<Session> heldOut, int k, int maxPairs, long seed) {
        this.history = history;
        this.k = k;
        List<Session> shuffled = new ArrayList<>(heldOut);
        Collections.shuffle(shuffled, new Random(seed));
        int pairs = 0;
        for (Session session : shuffled) {
            if (pairs >= maxPairs) {
                break;
            }
            if (session.items().length > 1) {
                sample.add(session);
                pairs += session.items().length - 1;
            }
        }
    }

    int sessions() {
        return sample.size();
    }

    NextItemEvaluation.Result evaluate(String name, Embeddings model) {
        Vocabulary vocabulary = model.vocabulary();
        List<int[]> encoded = new ArrayList<>(sample.size());
        for (Session session : sample) {
            int[] items = new int[session.items().length];
            for (int i = 0; i < items.length; i++) {
                items[i] = vocabulary.indexOf(history.item(session.items()[i]));
            }
            encoded.add(items);
        }
        SimilaritySearch search = new SimilaritySearch(model);
        return new NextItemEvaluation(encoded, vocabulary.size()).evaluate(name,
                (query, into) -> search.scores(query, SimilaritySearch.Scoring.SIMILAR, into), k);
    }
}
