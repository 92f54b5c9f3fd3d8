package dev.drainboard.support;

import dev.drainboard.config.AppConfig;
import dev.drainboard.config.ConfigKey;
import dev.drainboard.config.ConfigLoader;
import dev.drainboard.embedded.EmbeddedPostgresServer;
import dev.drainboard.embedded.EmbeddedSqs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.EnumMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One real ElasticMQ and one real PostgreSQL for the whole test JVM, started on first use and
 * stopped at exit. Each test takes its own queue and its own database from them, so tests do not
 * see each other's messages or rows.
 */
public final class TestServers {
    private static final AtomicInteger SEQ = new AtomicInteger();
    private static EmbeddedSqs sqs;
    private static EmbeddedPostgresServer pg;

    private TestServers() {
    }

    public static synchronized EmbeddedSqs sqs() {
        if (sqs == null) {
            try {
                sqs = EmbeddedSqs.start(0, null);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(sqs::close));
        }
        return sqs;
    }

    public static synchronized EmbeddedPostgresServer postgres() {
        if (pg == null) {
            try {
                pg = EmbeddedPostgresServer.startThrowaway(null, 0);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(pg::close));
        }
        return pg;
    }

    /** A new empty database on the shared server; returns its JDBC URL. */
    public static String freshDatabase() {
        String name = "t" + ProcessHandle.current().pid() + "_" + SEQ.incrementAndGet();
        try (Connection c = DriverManager.getConnection(postgres().jdbcUrl(), "postgres", "postgres");
             Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return "jdbc:postgresql://127.0.0.1:" + postgres().port() + "/" + name;
    }

    /** A queue name no other test uses. */
    public static String freshQueue() {
        return "q" + SEQ.incrementAndGet() + "-" + Long.toHexString(System.nanoTime());
    }

    /**
     * A configuration on the shared servers with a fresh queue, a fresh database, a fixed test
     * key and a temporary data folder.
     */
    public static AppConfig config(Map<ConfigKey, String> overrides) {
        Map<ConfigKey, String> flags = new EnumMap<>(ConfigKey.class);
        flags.put(ConfigKey.SQS_ENDPOINT, sqs().endpoint().toString());
        flags.put(ConfigKey.QUEUE, freshQueue());
        flags.put(ConfigKey.JDBC_URL, freshDatabase());
        flags.put(ConfigKey.MASK_KEY, TestKeys.BASE64);
        flags.put(ConfigKey.DATA_DIR, tempDir().toString());
        flags.put(ConfigKey.WAIT_SECONDS, "0");
        flags.putAll(overrides);
        return new ConfigLoader(flags, Map.of(), new Properties()).load();
    }

    public static AppConfig config() {
        return config(Map.of());
    }

    public static Path tempDir() {
        try {
            Path p = Files.createTempDirectory("drainboard-test");
            p.toFile().deleteOnExit();
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
