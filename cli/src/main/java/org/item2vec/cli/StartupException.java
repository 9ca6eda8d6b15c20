package org.item2vec.cli;

/** A service could not start; the message says why in one line. */
final class StartupException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    StartupException(String message, Throwable cause) {
        super(message, cause);
    }
}
