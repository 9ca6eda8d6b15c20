package org.item2vec.api.http;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.ErrorResponseProcessorExceptionHandler;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;
import org.item2vec.api.RequestException;

/** Answers the API's own request errors with their status; {@link JsonErrors} writes the body. */
@Singleton
final class RequestErrors extends ErrorResponseProcessorExceptionHandler<RequestException> {
    RequestErrors(ErrorResponseProcessor<?> processor) {
        super(processor);
    }

    @Override
    protected MutableHttpResponse<?> createResponse(RequestException exception) {
        return HttpResponse.status(HttpStatus.valueOf(exception.status()));
    }
}
