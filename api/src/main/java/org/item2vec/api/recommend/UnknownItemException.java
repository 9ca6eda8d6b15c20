package org.item2vec.api.recommend;

import org.item2vec.api.RequestException;

/** The item has no embedding, and no metadata to start one from. */
public final class UnknownItemException extends RequestException {
    private static final long serialVersionUID = 1L;

    public UnknownItemException(String message) {
        super(message);
    }

    @Override
    public int status() {
        return 404;
    }
}
