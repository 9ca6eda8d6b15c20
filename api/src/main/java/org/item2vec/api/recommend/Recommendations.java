package org.item2vec.api.recommend;

import java.util.List;
import org.item2vec.learn.vectors.Neighbour;

/**
 * The answer to a {@link Query}.
 *
 * @param market    the market the results were restricted to, or {@code null} for any
 * @param coldStart whether the query item had no embedding, so its listing's peers stood in for it
 * @param peers     the peers averaged for a cold start (empty otherwise)
 * @param items     best first
 */
public record Recommendations(String market, boolean coldStart, List<String> peers, List<Neighbour> items) {
}
