package org.item2vec.experiment.define;

/** An experiment definition that cannot be used; the message names the experiment, the field and the rule. */
public final class InvalidExperimentException extends Exception {
    private static final long serialVersionUID = 1L;

    public InvalidExperimentException(String message) {
        super(message, null, false, false);
    }
}
