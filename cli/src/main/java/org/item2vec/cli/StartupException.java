package org.item2vec.cli;

/** A service could not start; the message says why in one line. */
final class StartupException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    StartupException(String message, Throwable cause) {
        super(message, cause);
    }

    /** The innermost cause of a failed start, which names what really went wrong (a port in use, say). */
    static Throwable rootCause(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }
}
