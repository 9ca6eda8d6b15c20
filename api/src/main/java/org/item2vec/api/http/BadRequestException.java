package org.item2vec.api.http;

import org.item2vec.api.RequestException;

/** A request parameter is missing or unusable; the message says which and why. */
public final class BadRequestException extends RequestException {
    private static final long serialVersionUID = 1L;

    public BadRequestException(String message) {
        super(message);
    }

    @Override
    public int status() {
        return 400;
    }
}
