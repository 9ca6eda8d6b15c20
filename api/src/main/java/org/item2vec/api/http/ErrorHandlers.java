package org.item2vec.api.http;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.ErrorResponseProcessorExceptionHandler;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;
import org.item2vec.api.model.UnknownModelException;
import org.item2vec.api.recommend.UnknownItemException;

/** Maps the API's own exceptions to statuses; {@link JsonErrors} writes the body. */
final class ErrorHandlers {
    private ErrorHandlers() {
    }

    @Singleton
    @Requires(classes = {BadRequestException.class, ExceptionHandler.class})
    static final class BadRequest extends ErrorResponseProcessorExceptionHandler<BadRequestException> {
        BadRequest(ErrorResponseProcessor<?> processor) {
            super(processor);
        }

        @Override
        protected MutableHttpResponse<?> createResponse(BadRequestException exception) {
            return HttpResponse.badRequest();
        }
    }

    @Singleton
    @Requires(classes = {UnknownItemException.class, ExceptionHandler.class})
    static final class UnknownItem extends ErrorResponseProcessorExceptionHandler<UnknownItemException> {
        UnknownItem(ErrorResponseProcessor<?> processor) {
            super(processor);
        }

        @Override
        protected MutableHttpResponse<?> createResponse(UnknownItemException exception) {
            return HttpResponse.notFound();
        }
    }

    /** An unknown version is the client's mistake (404); no model at all is the server's state (503). */
    @Singleton
    @Requires(classes = {UnknownModelException.class, ExceptionHandler.class})
    static final class UnknownModel extends ErrorResponseProcessorExceptionHandler<UnknownModelException> {
        UnknownModel(ErrorResponseProcessor<?> processor) {
            super(processor);
        }

        @Override
        protected MutableHttpResponse<?> createResponse(UnknownModelException exception) {
            return exception.nothingServed() ? HttpResponse.serverError().status(503) : HttpResponse.notFound();
        }
    }
}
