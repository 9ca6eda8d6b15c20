package org.item2vec.api.model;

/** A request named a model version that is not loaded, or no model is loaded yet. */
public final class UnknownModelException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UnknownModelException(String message) {
        super(message);
    }
}
