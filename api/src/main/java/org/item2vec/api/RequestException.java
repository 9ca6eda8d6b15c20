package org.item2vec.api;

/** A request the API cannot answer as asked, with the HTTP status that says why. */
public abstract class RequestException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    protected RequestException(String message) {
        super(message);
    }

    /** The HTTP status of the answer. */
    public abstract int status();
}
