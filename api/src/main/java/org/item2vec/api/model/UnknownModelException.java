package org.item2vec.api.model;

import org.item2vec.api.RequestException;

/**
 * A request named a model version that is not served (the client's mistake: 404), or no model is served
 * yet (the server's state: 503).
 */
public final class UnknownModelException extends RequestException {
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

    @Override
    public int status() {
        return nothingServed ? 503 : 404;
    }
}
