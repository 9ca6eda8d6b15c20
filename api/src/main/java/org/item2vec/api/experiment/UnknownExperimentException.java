package org.item2vec.api.experiment;

import org.item2vec.api.RequestException;

/** A request named an experiment that is not defined. */
public final class UnknownExperimentException extends RequestException {
    private static final long serialVersionUID = 1L;

    public UnknownExperimentException(String id) {
        super("no experiment '" + id + "'; GET /experiments lists them");
    }

    @Override
    public int status() {
        return 404;
    }
}
