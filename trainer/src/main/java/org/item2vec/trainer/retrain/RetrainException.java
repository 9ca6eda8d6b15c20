package org.item2vec.trainer.retrain;

/** A retrain that could not finish; the published versions are as they were. The message says why. */
public final class RetrainException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public RetrainException(String message) {
        super(message);
    }

    public RetrainException(String message, Throwable cause) {
        super(message, cause);
    }
}
