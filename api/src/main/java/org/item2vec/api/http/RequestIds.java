package org.item2vec.api.http;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * Gives every request an id, echoed in the {@code X-Request-Id} header, in response bodies and in the access
 * log, so that a user's report, a logged error and an exposure record can be matched. A caller's own id is
 * kept when it is short and plain.
 */
@ServerFilter("/**")
public final class RequestIds {
    public static final String HEADER = "X-Request-Id";
    private static final String ATTRIBUTE = "item2vec.request-id";
    private static final Pattern ACCEPTABLE = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
    /** Random per process, so ids of restarts and replicas differ; a counter after it keeps them cheap. */
    private static final String PREFIX = Long.toString(ThreadLocalRandom.current().nextLong() >>> 16, 36);
    private static final AtomicLong COUNTER = new AtomicLong();

    @RequestFilter
    public void assign(HttpRequest<?> request) {
        of(request);
    }

    @ResponseFilter
    public void echo(HttpRequest<?> request, MutableHttpResponse<?> response) {
        response.getHeaders().set(HEADER, of(request));
    }

    /**
     * The id of a request, given to it here if this filter has not: a request the server could not read
     * (a request line too long, say) is answered without passing the filters.
     */
    public static String of(HttpRequest<?> request) {
        return request.getAttribute(ATTRIBUTE, String.class).orElseGet(() -> {
            String given = request.getHeaders().get(HEADER);
            String id = given != null && ACCEPTABLE.matcher(given).matches() ? given
                    : PREFIX + "-" + Long.toString(COUNTER.incrementAndGet(), 36);
            request.setAttribute(ATTRIBUTE, id);
            return id;
        });
    }
}
