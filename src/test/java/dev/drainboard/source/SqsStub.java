package dev.drainboard.source;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
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

    private final HttpServer server;
    private final AtomicInteger requests = new AtomicInteger();

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
