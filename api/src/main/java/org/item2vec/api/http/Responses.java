package org.item2vec.api.http;

import io.micronaut.serde.annotation.Serdeable;
import java.util.List;
import java.util.Map;
import org.item2vec.events.messages.Listing;

/** The JSON bodies of the API's answers. */
final class Responses {
    private Responses() {
    }

    /** @param team in an interleaved list, the variant that contributed the item; {@code null} otherwise */
    @Serdeable
    record Recommendation(String item, float score, String team) {
    }

    /**
     * @param market         the market the results come from; {@code null}: any
     * @param experiment     the experiment the list was served under, or {@code null}
     * @param variant        the user's variant of it, or {@code interleaved}
     * @param coldStart      the item had no embedding, so the mean of its listing's peers stood in for it
     * @param coldStartPeers the peers averaged for a cold start
     */
    @Serdeable
    record Recommend(String item, String modelVersion, String requestId, String mode, String market, String user,
                     String experiment, String variant, boolean coldStart, List<String> coldStartPeers, List<Recommendation> recommendations) {
    }

    @Serdeable
    record ItemSummary(String item, long count, String market) {
    }

    @Serdeable
    record Items(String modelVersion, int total, List<ItemSummary> items) {
    }

    /**
     * @param vector  the input vector: the item's embedding
     * @param context the output vector, which scores the item as the next click after another
     */
    @Serdeable
    record Item(String item, String modelVersion, long count, Listing listing, float[] vector, float[] context) {
    }

    /**
     * @param cosine    cosine of the two embeddings
     * @param nextScore input(a) · output(b): how strongly the model expects b after a
     */
    @Serdeable
    record Similarity(String a, String b, String modelVersion, float cosine, float nextScore) {
    }

    /**
     * @param kind {@code retrain}, {@code snapshot} or {@code live}
     * @param base for the live model, the version it was last rebased onto
     */
    @Serdeable
    record ModelEntry(String version, String kind, String base, boolean isDefault, String createdAt, int dim,
                      int items, int changedItems, long appliedMessages, Map<String, Long> offsets,
                      Map<String, Object> metrics) {
    }

    /**
     * @param currentVersion the version the last retrain or rollback made current
     * @param rejected       versions on disk that failed to load, with the reason
     */
    @Serdeable
    record Models(String defaultModel, String currentVersion, List<ModelEntry> models, Map<String, String> rejected) {
    }
}
