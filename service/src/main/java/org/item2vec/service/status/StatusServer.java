package org.item2vec.service.status;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * A small HTTP endpoint for services that have no web framework of their own: {@code GET /health} answers
 * 200 with {@code {"status":"UP"}} or 503 with {@code DOWN} and the reason, {@code GET /metrics} the
 * Prometheus text. Orchestrators (Docker health checks, Kubernetes probes) and scrapers talk to it.
 */
public final class StatusServer implements AutoCloseable {
    private final HttpServer server;

    /** The current health: up or not, and a short description either way. */
    public record Health(boolean up, String detail) {
    }

    /**
     * Starts serving on {@code port} (0 picks a free one).
     *
     * @throws IOException when the port cannot be bound
     */
    public StatusServer(int port, Metrics metrics, Supplier<Health> health) throws IOException {
        server = HttpServer.create(new InetSocketAddress(port), 0);
        server.setExecutor(Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "status-http");
            thread.setDaemon(true);
            return thread;
        }));
        server.createContext("/health", exchange -> {
            Health now = health.get();
            String body = "{\"status\":\"" + (now.up() ? "UP" : "DOWN") + "\",\"detail\":\""
                    + now.detail().replace("\\", "\\\\").replace("\"", "\\\"") + "\"}";
            respond(exchange, now.up() ? 200 : 503, "application/json", body);
        });
        server.createContext("/metrics", exchange ->
                respond(exchange, 200, "text/plain; version=0.0.4", metrics.prometheusText()));
        server.createContext("/", exchange ->
                respond(exchange, 404, "application/json", "{\"error\":\"not found; try /health or /metrics\"}"));
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private static void respond(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        if (!exchange.getRequestMethod().equals("GET") && !exchange.getRequestMethod().equals("HEAD")) {
            bytes = "{\"error\":\"only GET is supported\"}".getBytes(StandardCharsets.UTF_8);
            status = 405;
        }
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
