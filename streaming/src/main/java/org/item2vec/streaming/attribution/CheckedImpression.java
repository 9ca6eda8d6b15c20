package org.item2vec.streaming.attribution;

import org.item2vec.experiment.events.Impression;
import org.item2vec.streaming.events.DeadLetter;

/**
 * The verdict on one impression record: the impression, or the problem that makes it unreadable. The original
 * bytes travel along so that a rejected record reaches the dead-letter topic unchanged.
 */
record CheckedImpression(byte[] original, Impression impression, String problem) {
    /** The reason code of every rejected impression; the detail says what exactly is wrong. */
    static final String REJECT_REASON = "invalid_impression";

    boolean isAccepted() {
        return impression != null;
    }

    DeadLetter asDeadLetter() {
        return new DeadLetter(original, REJECT_REASON, problem);
    }
}
