package org.item2vec.api.http;

import io.micronaut.serde.annotation.Serdeable;

/** The body of every error response: the status, its name, what went wrong, and the request's id. */
@Serdeable
public record ApiError(int status, String error, String message, String requestId) {
}
