package org.item2vec.streaming.attribution;

import org.item2vec.experiment.events.Impression;

/** A recommendation list served to the user under an experiment. */
public record ImpressionShown(Impression impression) implements UserEvent {
    @Override
    public String user() {
        return impression.user();
    }

    @Override
    public long timestampMs() {
        return impression.timestampMs();
    }
}
