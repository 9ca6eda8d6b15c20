package org.item2vec.api.model;

/** A request named a model version that is not served, or no model is served yet. */
public final class UnknownModelException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final boolean nothingServed;

    public UnknownModelException(String message, boolean nothingServed) {
        super(message);
        this.nothingServed = nothingServed;
    }

    /** Whether no model at all is served yet (rather than the one asked for). */
    public boolean nothingServed() {
        return nothingServed;
    }
}
