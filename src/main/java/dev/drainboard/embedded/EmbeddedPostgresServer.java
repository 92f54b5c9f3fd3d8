package dev.drainboard.embedded;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A PostgreSQL server run from the binaries that the zonky artifact ships, on 127.0.0.1, with its
 * data kept in {@code dataDir} across restarts (or in a fresh temporary folder when null).
 */
public final class EmbeddedPostgresServer implements AutoCloseable {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(EmbeddedPostgresServer.class);
    public static final String USER = "postgres";
    private final EmbeddedPostgres pg;

    private EmbeddedPostgresServer(EmbeddedPostgres pg) {
        this.pg = pg;
    }

    public static EmbeddedPostgresServer start(Path dataDir, int port) throws IOException {
        EmbeddedPostgres.Builder b = EmbeddedPostgres.builder()
                .setPort(port == 0 ? EmbeddedSqs.freePort() : port)
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setServerConfig("max_connections", "100");
        if (dataDir != null) {
            Files.createDirectories(dataDir.getParent());
            stopOrphan(dataDir);
            b.setDataDirectory(dataDir).setCleanDataDirectory(false);
        }
        return new EmbeddedPostgresServer(b.start());
    }

    /**
     * A Drainboard that was killed (SIGKILL, power loss of the JVM only) leaves its PostgreSQL running
     * on the data folder, and a new start would wait for it and fail. A server whose parent is no
     * longer a Java process is such an orphan: stop it (it recovers from its WAL on the next start).
     * A server still owned by a live Java process belongs to another Drainboard: say so.
     */
    static void stopOrphan(Path dataDir) throws IOException {
        Path pidFile = dataDir.resolve("postmaster.pid");
        if (!Files.isRegularFile(pidFile)) {
            return;
        }
        long pid;
        try {
            pid = Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
        } catch (RuntimeException unreadable) {
            return;
        }
        java.util.Optional<ProcessHandle> server = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
        if (server.isEmpty() || !server.get().info().command().orElse("").contains("postgres")) {
            return;
        }
        boolean ownedByJava = server.get().parent().flatMap(p -> p.info().command())
                .map(c -> c.endsWith("/java") || c.endsWith("java.exe")).orElse(false);
        if (ownedByJava) {
            throw new IOException("another Drainboard is using the data folder " + dataDir.getParent()
                    + " (its PostgreSQL runs as process " + pid + "). Close it, or pass another --data-dir.");
        }
        log.warn("Stopping PostgreSQL process {} left running on {} by a Drainboard that did not exit cleanly",
                pid, dataDir);
        server.get().destroy();
        try {
            server.get().onExit().get(20, java.util.concurrent.TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException slow) {
            server.get().destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IOException(e);
        }
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + pg.getPort() + "/postgres";
    }

    public int port() {
        return pg.getPort();
    }

    @Override
    public void close() {
        try {
            pg.close();
        } catch (IOException e) {
            throw new IllegalStateException("stopping the embedded PostgreSQL failed", e);
        }
    }
}
