package dev.drainboard.embedded;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.elasticmq.server.ElasticMQServer;
import org.elasticmq.server.config.ElasticMQServerConfig;
import scala.Function0;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.GetQueueAttributesResponse;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;

/**
 * ElasticMQ in this JVM on 127.0.0.1, in memory, or with its queues and messages in a
 * {@link QueueStore} (the embedded PostgreSQL) so that they survive a crash. Not thread-safe;
 * start once, close once. ElasticMQ's SQL store is one connection pool per JVM: run at most one
 * stored server in a JVM at a time.
 */
public final class EmbeddedSqs implements AutoCloseable {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(EmbeddedSqs.class);
    private final Function0<?> shutdown;
    private final URI endpoint;
    private final boolean stored;
    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

    private EmbeddedSqs(Function0<?> shutdown, URI endpoint, boolean stored) {
        this.shutdown = shutdown;
        this.endpoint = endpoint;
        this.stored = stored;
    }

    /** An in-memory server (tests, the benchmark's queue process): nothing survives a stop. */
    public static EmbeddedSqs start(int port) throws IOException {
        return start(port, null);
    }

    /**
     * Starts the server.
     *
     * @param port  the port, or 0 for a free one
     * @param store where to keep queues and messages, or null to keep them in memory only
     */
    public static EmbeddedSqs start(int port, QueueStore store) throws IOException {
        int p = port == 0 ? freePort() : port;
        // Drainboard stops the server itself, in order (queue before database): not pekko's own hook
        System.setProperty("pekko.coordinated-shutdown.run-by-jvm-shutdown-hook", "off");
        System.setProperty("pekko.jvm-shutdown-hooks", "off");
        ConfigFactory.invalidateCaches();
        Map<String, Object> settings = new LinkedHashMap<>(Map.of(
                "node-address.protocol", "http",
                "node-address.host", "127.0.0.1",
                "node-address.port", p,
                "node-address.context-path", "",
                "rest-sqs.enabled", true,
                "rest-sqs.bind-port", p,
                "rest-sqs.bind-hostname", "127.0.0.1",
                "generate-node-address", false));
        Config c = ConfigFactory.parseMap(settings);
        java.util.concurrent.atomic.AtomicReference<EmbeddedSqs> self = new java.util.concurrent.atomic.AtomicReference<>();
        if (store != null) {
            resetSqlStoreSingleton();
            StoreDriver.arm(() -> {
                log.error("The embedded queue's message store failed; stopping the embedded queue so that nothing is "
                        + "acknowledged that is not stored. Restart Drainboard.");
                Thread stop = new Thread(() -> {
                    EmbeddedSqs s = self.get();
                    if (s != null) {
                        s.close();
                    }
                }, "embedded-queue-fail-stop");
                stop.setDaemon(true);
                stop.start();
            });
            c = c.withValue("messages-storage.enabled", ConfigValueFactory.fromAnyRef(true))
                    .withValue("messages-storage.driver-class", ConfigValueFactory.fromAnyRef(StoreDriver.class.getName()))
                    .withValue("messages-storage.uri", ConfigValueFactory.fromAnyRef(StoreDriver.url(store.url())))
                    .withValue("messages-storage.username", ConfigValueFactory.fromAnyRef(store.user()))
                    .withValue("messages-storage.password", ConfigValueFactory.fromAnyRef(store.password()));
        }
        Config full = c.withFallback(ConfigFactory.load()).resolve();
        ElasticMQServer server = new ElasticMQServer(new ElasticMQServerConfig(full));
        Function0<?> stop = server.start();
        EmbeddedSqs sqs = new EmbeddedSqs(stop, URI.create("http://127.0.0.1:" + p), store != null);
        self.set(sqs);
        if (store != null && StoreDriver.failed()) {
            sqs.close();
            throw new IOException("the embedded queue's message store failed while the queue started; see the log");
        }
        return sqs;
    }

    /**
     * ElasticMQ keeps its SQL store's settings in a JVM-wide singleton that is set once; a second
     * stored server in the same JVM (a reopened workspace) would write to the first one's database.
     */
    static void resetSqlStoreSingleton() throws IOException {
        try {
            java.lang.reflect.Field f = Class.forName("org.elasticmq.persistence.sql.DB$").getDeclaredField("initialized");
            f.setAccessible(true);
            f.setBoolean(null, false);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IOException("this ElasticMQ version keeps its SQL store differently; Drainboard cannot use it", e);
        }
    }

    /**
     * Waits until ElasticMQ has restored every stored queue with all of its messages (it restores in
     * the background after {@link #start}, and a restore that fails is only logged).
     *
     * @param expected queue name to number of stored messages, read before the start
     * @throws IOException naming each queue's expected and restored count, when the restore falls short
     */
    public void awaitRestored(Map<String, Long> expected, Duration timeout) throws IOException {
        if (expected.isEmpty()) {
            return;
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<String, Long> seen = new LinkedHashMap<>();
        try (SqsClient sqs = SqsClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("x", "x")))
                .httpClient(ApacheHttpClient.create()).build()) {
            while (true) {
                seen.clear();
                for (String q : expected.keySet()) {
                    seen.put(q, restoredCount(sqs, q));
                }
                if (StoreDriver.failed()) {
                    throw new IOException("the embedded queue's message store failed while ElasticMQ restored it; "
                            + "nothing was deleted. Start again; if it keeps failing, see the log in <data-dir>/logs.");
                }
                if (seen.equals(expected)) {
                    log.info("Embedded queue restored: {}", seen);
                    return;
                }
                if (System.nanoTime() > deadline) {
                    break;
                }
                Thread.sleep(100);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while the embedded queue was being restored", e);
        }
        StringBuilder b = new StringBuilder();
        expected.forEach((q, n) -> b.append(b.length() == 0 ? "" : ", ").append(q).append(": ").append(n)
                .append(" stored, ").append(seen.get(q) < 0 ? "queue missing" : seen.get(q) + " restored"));
        throw new IOException("the embedded queue did not restore everything its message store holds within "
                + timeout.toSeconds() + " s (" + b + "). Drainboard stopped rather than run with messages missing; "
                + "nothing was deleted. Start again; if it keeps failing, keep the data folder for recovery and see "
                + "the log in <data-dir>/logs.");
    }

    /** Messages the server holds for {@code queue} (visible, in flight and delayed), or -1 when it has no such queue. */
    private static long restoredCount(SqsClient sqs, String queue) {
        try {
            String url = sqs.getQueueUrl(b -> b.queueName(queue)).queueUrl();
            GetQueueAttributesResponse a = sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(
                    QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                    QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE,
                    QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED));
            return Long.parseLong(a.attributes().get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                    + Long.parseLong(a.attributes().get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
                    + Long.parseLong(a.attributes().get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED));
        } catch (QueueDoesNotExistException notYet) {
            return -1;
        }
    }

    public URI endpoint() {
        return endpoint;
    }

    /** A port on 127.0.0.1 that nothing listens on right now. */
    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** Stops the server; with a store, also closes ElasticMQ's connections to it. Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        if (stored) {
            StoreDriver.disarm();
        }
        shutdown.apply();
        if (stored) {
            scalikejdbc.ConnectionPool$.MODULE$.closeAll();
        }
    }
}
