package org.item2vec.api.model;

import java.util.Map;

/**
 * What is known about a served model.
 *
 * @param version         {@code v000001}… for a published version, {@link Model#LIVE} for the live store
 * @param createdAt       when the version was published; for the live model, when it last changed
 * @param dim             vector size
 * @param offsets         the Kafka offsets the model has consumed up to
 * @param metrics         the metrics recorded with a published version
 * @param appliedMessages messages the trainer has applied (live model)
 */
public record ModelInfo(String version, String createdAt, int dim, Map<String, Long> offsets,
                        Map<String, Object> metrics, long appliedMessages) {
}
