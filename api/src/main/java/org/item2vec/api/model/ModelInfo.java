package org.item2vec.api.model;

import java.time.Instant;
import java.util.Map;
import org.item2vec.store.EmbeddingStore;

/**
 * What is known about a served model.
 *
 * @param version         {@code v000001}… for a published version, {@link Model#LIVE} for the live store
 * @param kind            {@code retrain} or {@code snapshot} for a published version, {@code live} for the live store
 * @param base            for the live model, the version it was last rebased onto (null: none)
 * @param createdAt       when the version was published; for the live model, when it last changed
 * @param dim             vector size
 * @param offsets         the Kafka offsets the model has consumed up to
 * @param metrics         the metrics recorded with a published version
 * @param appliedMessages messages the trainer has applied (live model)
 */
public record ModelInfo(String version, String kind, String base, String createdAt, int dim,
                        Map<String, Long> offsets, Map<String, Object> metrics, long appliedMessages) {

    /** What the live store holds now. */
    static ModelInfo live(EmbeddingStore store, int dim) {
        return new ModelInfo(Model.LIVE, Model.LIVE, store.base().orElse(null), Instant.now().toString(), dim,
                store.offsets(), Map.of(), store.progress().appliedMessages());
    }
}
