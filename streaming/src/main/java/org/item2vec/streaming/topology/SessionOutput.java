package org.item2vec.streaming.topology;

import org.item2vec.streaming.events.CheckedClick;

/**
 * What the {@link SessionCutter} emits: a click it took or found late, or a message for an output topic.
 *
 * @param click   the click, for {@link Kind#ACCEPTED} and {@link Kind#LATE}
 * @param message the JSON to publish, for {@link Kind#UPDATE} and {@link Kind#FINISHED}
 */
record SessionOutput(Kind kind, CheckedClick click, byte[] message) {
    enum Kind {
        /** A click that joined its user's pending sessions. */
        ACCEPTED,
        /** A click that would have joined a session already written, rejected with the reason. */
        LATE,
        /** A session update on {@code session-updates}. */
        UPDATE,
        /** A finished session on {@code sessions}. */
        FINISHED
    }

    static SessionOutput accepted(CheckedClick click) {
        return new SessionOutput(Kind.ACCEPTED, click, null);
    }

    static SessionOutput late(CheckedClick rejected) {
        return new SessionOutput(Kind.LATE, rejected, null);
    }

    static SessionOutput update(byte[] json) {
        return new SessionOutput(Kind.UPDATE, null, json);
    }

    static SessionOutput finished(byte[] json) {
        return new SessionOutput(Kind.FINISHED, null, json);
    }
}
