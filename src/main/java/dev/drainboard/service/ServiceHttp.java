package dev.drainboard.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The service's HTTP endpoints, on the JDK's own server: {@code /health/live} (200 while the
 * process runs), {@code /health/ready} (200 or 503, the last {@link HealthMonitor} result as JSON)
 * and {@code /metrics} (Prometheus text). GET only; nothing here reads a request body. One thread
 * answers, so a burst of scrapes cannot take cores from the drain.
 */
public final class ServiceHttp implements AutoCloseable {
    static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final ExecutorService executor;

    private ServiceHttp(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /** Binds {@code host:port} (port 0 = any free port) and starts answering. */
    public static ServiceHttp start(String host, int port, ServiceMetrics metrics, HealthMonitor health)
            throws IOException {
        return start(host, port, metrics, health::status);
    }

    /**
     * The same with readiness from {@code health}, which may change source while the server runs
     * (a service that is still waiting for its servers, then its {@link HealthMonitor}).
     */
    public static ServiceHttp start(String host, int port, ServiceMetrics metrics,
                                    java.util.function.Supplier<HealthMonitor.Status> health) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getByName(host), port), 16);
        ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "service-http");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/health/live", ex -> answer(ex, 200, "application/json", "{\"status\":\"UP\"}"));
        server.createContext("/health/ready", ex -> {
            HealthMonitor.Status s = health.get();
            answer(ex, s.ready() ? 200 : 503, "application/json", readyJson(s));
        });
        server.createContext("/metrics", ex -> answer(ex, 200, PROMETHEUS_TEXT, metrics.scrape()));
        server.createContext("/", ex -> answer(ex, 404, "text/plain; charset=utf-8",
                "Drainboard: /health/live, /health/ready, /metrics\n"));
        server.start();
        return new ServiceHttp(server, executor);
    }

    public URI uri() {
        InetSocketAddress a = server.getAddress();
        return URI.create("http://" + a.getAddress().getHostAddress() + ":" + a.getPort() + "/");
    }

    static String readyJson(HealthMonitor.Status s) {
        ObjectNode root = JSON.createObjectNode();
        root.put("status", s.ready() ? "UP" : "DOWN");
        if (s.stopping()) {
            root.put("stopping", true);
        }
        ObjectNode checks = root.putObject("checks");
        check(checks.putObject("sqs"), s.sqs());
        check(checks.putObject("postgresql"), s.postgresql());
        root.put("checkedAt", s.checkedAt().toString());
        return root.toString();
    }

    private static void check(ObjectNode node, HealthMonitor.Check c) {
        node.put("status", c.up() ? "UP" : "DOWN");
        if (c.detail() != null) {
            node.put("detail", c.detail());
        }
    }

    private static void answer(HttpExchange ex, int status, String type, String body) throws IOException {
        try (ex) {
            if (!"GET".equals(ex.getRequestMethod()) && !"HEAD".equals(ex.getRequestMethod())) {
                ex.getResponseHeaders().set("Allow", "GET, HEAD");
                ex.sendResponseHeaders(405, -1);
                return;
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", type);
            ex.getResponseHeaders().set("Cache-Control", "no-store");
            if ("HEAD".equals(ex.getRequestMethod())) {
                ex.sendResponseHeaders(status, -1);
                return;
            }
            ex.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
