package org.item2vec.api.http;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** Checks the bearer token of an admin request against the configured one. */
final class AdminToken {
    private static final String BEARER = "Bearer ";
    private final byte[] expected;

    /** @param token the configured token; empty or {@code null} turns the admin endpoint off */
    AdminToken(String token) {
        this.expected = token == null || token.isBlank() ? null : token.getBytes(StandardCharsets.UTF_8);
    }

    void check(HttpRequest<?> request) {
        if (expected == null) {
            throw AdminAccessException.off();
        }
        String header = request.getHeaders().get(HttpHeaders.AUTHORIZATION);
        byte[] given = header != null && header.startsWith(BEARER)
                ? header.substring(BEARER.length()).trim().getBytes(StandardCharsets.UTF_8) : new byte[0];
        // Constant time, so the answer's timing does not tell how much of a guess was right.
        if (!MessageDigest.isEqual(expected, given)) {
            throw AdminAccessException.denied();
        }
    }
}
