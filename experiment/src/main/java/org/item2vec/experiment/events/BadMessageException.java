package org.item2vec.experiment.events;

/** A message on an experiment topic that cannot be read, with the reason. */
public final class BadMessageException extends Exception {
    private static final long serialVersionUID = 1L;

    BadMessageException(String reason) {
        super(reason, null, false, false);
    }
}
