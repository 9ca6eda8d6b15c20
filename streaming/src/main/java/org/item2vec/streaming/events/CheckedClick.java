package org.item2vec.streaming.events;

/**
 * The verdict on one input record: either a {@link Click} or the reason it was rejected. The original bytes
 * travel along so that a rejected record reaches the dead-letter topic unchanged.
 */
public record CheckedClick(byte[] original, Click click, RejectReason reason, String detail) {
    public static CheckedClick accepted(byte[] original, Click click) {
        return new CheckedClick(original, click, null, null);
    }

    public static CheckedClick rejected(byte[] original, RejectReason reason, String detail) {
        return new CheckedClick(original, null, reason, detail);
    }

    public boolean isAccepted() {
        return click != null;
    }

    /** A rejected record as its dead letter; the reason's description stands in for a missing detail. */
    public DeadLetter asDeadLetter() {
        return new DeadLetter(original, reason.code(), detail == null ? reason.description() : detail);
    }

    /** The same verdict for another reason, keeping the original bytes. */
    public CheckedClick reject(RejectReason newReason, String newDetail) {
        return rejected(original, newReason, newDetail);
    }
}
