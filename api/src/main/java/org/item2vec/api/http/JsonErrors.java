package org.item2vec.api.http;

import io.micronaut.context.annotation.Primary;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;
import org.item2vec.api.RequestException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes every error, ours and the framework's (no such route, wrong method, missing parameter), as an
 * {@link ApiError} in JSON. A server error is logged with its stack trace under the request's id, and the
 * client gets only that id: internals never leave the server.
 */
@Primary
@Singleton
public final class JsonErrors implements ErrorResponseProcessor<ApiError> {
    private static final Logger LOG = LoggerFactory.getLogger(JsonErrors.class);

    @Override
    public MutableHttpResponse<ApiError> processResponse(ErrorContext context, MutableHttpResponse<?> response) {
        HttpRequest<?> request = context.getRequest();
        String requestId = RequestIds.of(request);
        HttpStatus status = response.getStatus();
        String message;
        if (status == HttpStatus.INTERNAL_SERVER_ERROR) {
            context.getRootCause().ifPresent(cause ->
                    LOG.error("request {} {} {} failed", requestId, request.getMethod(), request.getUri(), cause));
            message = "internal error; the server's log has the details under request id " + requestId;
        } else if (status == HttpStatus.NOT_FOUND && !ours(context)) {
            message = "no such endpoint: " + request.getMethod() + " " + request.getPath()
                    + " (GET /swagger/item2vec-0.1.yml describes the API)";
        } else {
            message = context.getErrors().stream().map(Error::getMessage).reduce((a, b) -> a + "; " + b)
                    .orElse(status.getReason());
        }
        return response.contentType(MediaType.APPLICATION_JSON_TYPE)
                .body(new ApiError(status.getCode(), status.getReason(), message, requestId));
    }

    /** Whether the error came from the API's own code (an unknown item, say) rather than the router. */
    private static boolean ours(ErrorContext context) {
        return context.getRootCause().map(RequestException.class::isInstance).orElse(false);
    }
}
