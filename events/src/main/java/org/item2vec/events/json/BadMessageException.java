package org.item2vec.events.json;

/** A message on a topic that cannot be read, with the reason. */
public final class BadMessageException extends Exception {
    private static final long serialVersionUID = 1L;

    public BadMessageException(String reason) {
        super(reason, null, false, false);
    }
}
