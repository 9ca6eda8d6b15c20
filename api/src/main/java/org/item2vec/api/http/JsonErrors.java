package org.item2vec.api.http;

import io.micronaut.context.annotation.Primary;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import io.micronaut.http.server.netty.NettyHttpRequest;
import io.micronaut.http.server.netty.configuration.NettyHttpServerConfiguration;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import jakarta.inject.Singleton;
import org.item2vec.api.RequestException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes every error, ours and the framework's (no such route, wrong method, missing parameter, a request too
 * long to read), as an {@link ApiError} in JSON. A server error is logged with its stack trace under the request's id, and the
 * client gets only that id: internals never leave the server.
 */
@Primary
@Singleton
public final class JsonErrors implements ErrorResponseProcessor<ApiError> {
    private static final Logger LOG = LoggerFactory.getLogger(JsonErrors.class);

    private final NettyHttpServerConfiguration server;

    JsonErrors(NettyHttpServerConfiguration server) {
        this.server = server;
    }

    @Override
    public MutableHttpResponse<ApiError> processResponse(ErrorContext context, MutableHttpResponse<?> response) {
        HttpRequest<?> request = context.getRequest();
        String requestId = RequestIds.of(request);
        Throwable unreadable = decodingFailure(request);
        if (unreadable instanceof TooLongHttpLineException) {
            response.status(HttpStatus.REQUEST_URI_TOO_LONG);
        } else if (unreadable instanceof TooLongHttpHeaderException) {
            response.status(HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE);
        }
        HttpStatus status = response.getStatus();
        String message;
        if (unreadable instanceof TooLongHttpLineException) {
            message = "the request line is longer than the server reads (" + server.getMaxInitialLineLength()
                    + " bytes); send a shorter path and query";
        } else if (unreadable instanceof TooLongHttpHeaderException) {
            message = "the request's headers are larger than the server reads (" + server.getMaxHeaderSize()
                    + " bytes)";
        } else if (status == HttpStatus.INTERNAL_SERVER_ERROR) {
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
        // Set here too: a request the server could not read is answered without passing the filters.
        response.getHeaders().set(RequestIds.HEADER, requestId);
        return response.contentType(MediaType.APPLICATION_JSON_TYPE)
                .body(new ApiError(status.getCode(), status.getReason(), message, requestId));
    }

    /**
     * Why Netty could not decode the request, or null. Micronaut answers every such request 413 (Request Entity
     * Too Large), although a request line or headers too long have statuses of their own, 414 and 431.
     */
    private static Throwable decodingFailure(HttpRequest<?> request) {
        if (request instanceof NettyHttpRequest<?> netty && netty.getNativeRequest().decoderResult().isFailure()) {
            return netty.getNativeRequest().decoderResult().cause();
        }
        return null;
    }

    /** Whether the error came from the API's own code (an unknown item, say) rather than the router. */
    private static boolean ours(ErrorContext context) {
        return context.getRootCause().map(RequestException.class::isInstance).orElse(false);
    }
}
