package org.item2vec.api.http;

import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.server.exceptions.NotAllowedException;
import io.micronaut.web.router.RouteAttributes;
import io.micronaut.web.router.resource.StaticResourceResolver;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The map page and its assets can only be read: another method answers 405 as on the API's routes, where
 * Micronaut would serve a static file whatever the method (a {@code POST /} got the page).
 */
@ServerFilter("/**")
public final class ReadOnlyPages {
    private static final Set<HttpMethod> READS = Set.of(HttpMethod.GET, HttpMethod.HEAD);
    private static final Set<String> ALLOWED = new LinkedHashSet<>(List.of("GET", "HEAD"));

    private final StaticResourceResolver resources;

    ReadOnlyPages(StaticResourceResolver resources) {
        this.resources = resources;
    }

    @RequestFilter
    public void refuseWrites(HttpRequest<?> request) {
        if (READS.contains(request.getMethod()) || RouteAttributes.getRouteMatch(request).isPresent()) {
            return;
        }
        if (resources.resolve(request.getPath()).isPresent()) {
            throw new NotAllowedException(request.getMethodName(), request.getUri(), ALLOWED);
        }
    }
}
