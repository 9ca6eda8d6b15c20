package org.item2vec.api.http;

/** A request parameter is missing or unusable; the message says which and why. */
public final class BadRequestException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public BadRequestException(String message) {
        super(message);
    }
}
