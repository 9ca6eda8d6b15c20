package org.item2vec.api.model;

import org.item2vec.store.ModelVersions;

/**
 * The state of serving at a glance, for the map page's live panel.
 *
 * @param modelVersion    the default model, or {@code null} while none is served
 * @param modelKind       {@code live}, {@code retrain} or {@code snapshot}
 * @param vocabularySize  how many items the default model holds
 * @param eventsPerSecond how fast the live trainer applies messages, over the last refreshes; 0 without a live
 *                        model
 * @param appliedMessages messages the live trainer has applied; 0 without a live model
 * @param lastRetrain     the newest served version made by a full retrain, or {@code null}
 */
public record ServingStatus(String modelVersion, String modelKind, int vocabularySize, double eventsPerSecond,
                            long appliedMessages, Retrain lastRetrain) {
    /** A retrain's version and when it was published. */
    public record Retrain(String version, String createdAt) {
    }

    public static ServingStatus of(ModelRegistry registry) {
        ModelRegistry.Entry served = null;
        ModelRegistry.Entry live = null;
        Retrain retrain = null;
        for (ModelRegistry.Entry entry : registry.entries()) {
            ModelInfo info = entry.info();
            if (entry.isDefault()) {
                served = entry;
            }
            if (Model.LIVE.equals(info.version())) {
                live = entry;
            }
            if (ModelVersions.RETRAIN.equals(info.kind())) {
                retrain = new Retrain(info.version(), info.createdAt()); // oldest first: the last one wins
            }
        }
        return new ServingStatus(served == null ? null : served.info().version(),
                served == null ? null : served.info().kind(), served == null ? 0 : served.items(),
                registry.liveMessagesPerSecond(), live == null ? 0 : live.info().appliedMessages(),
                retrain);
    }
}
