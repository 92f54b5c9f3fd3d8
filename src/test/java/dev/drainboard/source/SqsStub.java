package dev.drainboard.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A one-answer HTTP server on 127.0.0.1: every request gets the same status, content type and
 * body. Stands in for servers that are not real SQS (an old LocalStack, a proxy).
 */
public final class SqsStub implements AutoCloseable {
    /**
     * What LocalStack before 3.0 sends back to the AWS SDK v2's SQS JSON-protocol requests: its
     * query-protocol parser finds no {@code Action} parameter and fails (shape taken from
     * localstack/localstack#9620 and aws/aws-sdk-go#5064).
     */
    public static final String OLD_LOCALSTACK_ERROR = "<?xml version='1.0' encoding='utf-8'?>\n"
            + "<ErrorResponse xmlns=\"http://queue.amazonaws.com/doc/2012-11-05/\"><Error><Code>InternalError</Code>"
            + "<Message>exception while calling sqs with unknown operation: Operation detection failed. Missing "
            + "Action in request for query-protocol service ServiceModel(sqs).</Message></Error>"
            + "<RequestId>fd503402-da3f-4c3b-be3e-722df5ceb70d</RequestId></ErrorResponse>";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String JSON_TYPE = "application/x-amz-json-1.0";

    /** One answer of a {@link #routing} stub. */
    public record Reply(int status, String contentType, String body) {
        public static Reply json(String body) {
            return new Reply(200, JSON_TYPE, body);
        }

        /** An SQS JSON-protocol error reply, e.g. {@code error(400, "InvalidParameterValue", "...")}. */
        public static Reply error(int status, String code, String message) {
            return new Reply(status, JSON_TYPE, "{\"__type\":\"com.amazonaws.sqs#" + code + "\",\"message\":\""
                    + message + "\"}");
        }
    }

    /** Answers one SQS JSON-protocol call: {@code op} is the action ({@code ReceiveMessage}, ...). */
    @FunctionalInterface
    public interface Handler {
        Reply handle(String op, JsonNode request) throws Exception;
    }

    /** A request the stub received: its action and its JSON body. */
    public record Call(String op, JsonNode request) {
    }

    private final HttpServer server;
    private final AtomicInteger requests = new AtomicInteger();
    private final List<Call> calls = new CopyOnWriteArrayList<>();

    private SqsStub(HttpServer server) {
        this.server = server;
    }

    public static SqsStub answering(int status, String contentType, String body) throws IOException {
        HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        SqsStub stub = new SqsStub(s);
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        s.createContext("/", exchange -> {
            stub.requests.incrementAndGet();
            exchange.getRequestBody().readAllBytes();
            exchange.getResponseHeaders().set("Content-Type", contentType);
            exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        s.start();
        return stub;
    }

    /**
     * A stub that speaks enough of the SQS JSON protocol for one scenario: each request's action
     * (from {@code X-Amz-Target}) and JSON body go to {@code handler}; every call is recorded.
     */
    public static SqsStub routing(Handler handler) throws IOException {
        HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        SqsStub stub = new SqsStub(s);
        s.createContext("/", exchange -> {
            stub.requests.incrementAndGet();
            String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            String op = target == null ? "" : target.substring(target.indexOf('.') + 1);
            byte[] in = exchange.getRequestBody().readAllBytes();
            Reply r;
            try {
                JsonNode request = JSON.readTree(in.length == 0 ? "{}".getBytes(StandardCharsets.UTF_8) : in);
                stub.calls.add(new Call(op, request));
                r = handler.handle(op, request);
            } catch (Exception e) {
                r = Reply.error(500, "InternalError", String.valueOf(e));
            }
            byte[] bytes = r.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", r.contentType());
            exchange.sendResponseHeaders(r.status(), bytes.length == 0 ? -1 : bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        s.start();
        return stub;
    }

    /** The calls a {@link #routing} stub received, in order. */
    public List<Call> calls() {
        return List.copyOf(calls);
    }

    /** The calls of one action. */
    public List<Call> calls(String op) {
        return calls.stream().filter(c -> c.op().equals(op)).toList();
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public int requests() {
        return requests.get();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
