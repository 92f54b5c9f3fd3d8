package dev.drainboard.embedded;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.elasticmq.server.ElasticMQServer;
import org.elasticmq.server.config.ElasticMQServerConfig;
import scala.Function0;

/**
 * ElasticMQ in this JVM on 127.0.0.1, optionally keeping its queues and messages in an H2 file so
 * that they survive a restart. Not thread-safe; start once, close once.
 */
public final class EmbeddedSqs implements AutoCloseable {
    private final Function0<?> shutdown;
    private final URI endpoint;

    private EmbeddedSqs(Function0<?> shutdown, URI endpoint) {
        this.shutdown = shutdown;
        this.endpoint = endpoint;
    }

    /**
     * Starts the server.
     *
     * @param port     the port, or 0 for a free one
     * @param storeDir where to keep messages across restarts, or null to keep them in memory only
     */
    public static EmbeddedSqs start(int port, Path storeDir) throws IOException {
        int p = port == 0 ? freePort() : port;
        Config c = ConfigFactory.parseMap(Map.of(
                        "node-address.protocol", "http",
                        "node-address.host", "127.0.0.1",
                        "node-address.port", p,
                        "node-address.context-path", "",
                        "rest-sqs.enabled", true,
                        "rest-sqs.bind-port", p,
                        "rest-sqs.bind-hostname", "127.0.0.1",
                        "generate-node-address", false));
        if (storeDir != null) {
            Files.createDirectories(storeDir);
            checkStore(storeDir);
            c = c.withValue("messages-storage.enabled", ConfigValueFactory.fromAnyRef(true))
                    .withValue("messages-storage.uri", ConfigValueFactory.fromAnyRef(
                            "jdbc:h2:" + storeDir.toAbsolutePath().resolve("messages")));
        }
        Config full = c.withFallback(ConfigFactory.load()).resolve();
        ElasticMQServer server = new ElasticMQServer(new ElasticMQServerConfig(full));
        Function0<?> stop = server.start();
        return new EmbeddedSqs(stop, URI.create("http://127.0.0.1:" + p));
    }

    /**
     * Opens the message store once before ElasticMQ does. ElasticMQ logs a damaged store and carries
     * on with an empty queue, which would silently drop every message in it; this stops instead.
     */
    static void checkStore(Path storeDir) throws IOException {
        Path file = storeDir.resolve("messages.mv.db");
        if (!Files.isRegularFile(file)) {
            return;
        }
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(
                "jdbc:h2:" + storeDir.toAbsolutePath().resolve("messages"), "", "")) {
            c.isValid(1);
        } catch (java.sql.SQLException e) {
            String why = String.valueOf(e.getMessage()).lines().findFirst().orElse("");
            throw new IOException("the embedded queue's message store " + file + " cannot be read (" + why
                    + "). This happens when Drainboard is killed while it writes to the store. Nothing was "
                    + "changed: keep the folder for recovery (H2's Recover tool), or move it aside (mv " + storeDir
                    + " " + storeDir + ".damaged) to start again with an empty queue.", e);
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

    @Override
    public void close() {
        shutdown.apply();
    }
}
