package org.item2vec.api.http;

import org.item2vec.api.RequestException;

/** A change to experiments without the right token (401), or while the admin endpoint is off (403). */
final class AdminAccessException extends RequestException {
    private static final long serialVersionUID = 1L;
    private final int status;

    private AdminAccessException(int status, String message) {
        super(message);
        this.status = status;
    }

    static AdminAccessException off() {
        return new AdminAccessException(403, "the admin endpoint is off: set item2vec.experiments.admin-token "
                + "(ITEM2VEC_EXPERIMENTS_ADMIN_TOKEN) to turn it on");
    }

    static AdminAccessException denied() {
        return new AdminAccessException(401, "send the admin token as 'Authorization: Bearer <token>'");
    }

    @Override
    public int status() {
        return status;
    }
}
