package org.item2vec.api.recommend;

/** The item has no embedding, and no metadata to start one from. */
public final class UnknownItemException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UnknownItemException(String message) {
        super(message);
    }
}
