package dev.drainboard.embedded;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The embedded servers of one data folder, opened in the order their guarantees need: the folder's
 * lock, then PostgreSQL (durable, password-protected), then, if wanted, ElasticMQ with its message
 * store inside that PostgreSQL, started only after the store was read and found whole, and handed
 * out only once it has restored everything the store holds. {@link #close} stops them in reverse:
 * the queue before the database it writes to, the lock last.
 *
 * <p>Layout of the folder: {@code postgres/} (the database cluster: rows and queue store),
 * {@code pgpass} (its passwords, owner-only), {@code drainboard.lock}.
 */
public final class EmbeddedStack implements AutoCloseable {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(EmbeddedStack.class);
    static final String PG_DIR = "postgres";
    static final String PASSWORD_FILE = "pgpass";
    static final String LEGACY_QUEUE_DIR = "elasticmq";

    private final DataFolder folder;
    private final EmbeddedPostgresServer pg;
    private final EmbeddedSqs sqs;
    private final boolean queueStoreWasEmpty;
    private final java.util.concurrent.atomic.AtomicBoolean closing = new java.util.concurrent.atomic.AtomicBoolean();

    private EmbeddedStack(DataFolder folder, EmbeddedPostgresServer pg, EmbeddedSqs sqs, boolean queueStoreWasEmpty) {
        this.folder = folder;
        this.queueStoreWasEmpty = queueStoreWasEmpty;
        this.pg = pg;
        this.sqs = sqs;
    }

    /**
     * Opens the folder's servers. {@code status} hears each step.
     *
     * @param folder  the locked data folder; the stack owns it from here on (closes it, also on failure)
     * @param withSqs also start the embedded queue (otherwise PostgreSQL only, e.g. for revealing)
     * @throws IOException              when a server cannot start or the queue store is not whole;
     *                                  everything opened so far is closed again
     */
    public static EmbeddedStack open(DataFolder folder, boolean withSqs, Consumer<String> status) throws IOException {
        EmbeddedPostgresServer pg = null;
        try {
            status.accept("Starting embedded PostgreSQL...");
            pg = EmbeddedPostgresServer.openDataFolder(folder.path().resolve(PG_DIR),
                    folder.path().resolve(PASSWORD_FILE));
            if (!withSqs) {
                return new EmbeddedStack(folder, pg, null, false);
            }
            status.accept("Starting embedded SQS (ElasticMQ)...");
            QueueStore store = QueueStore.on(pg);
            Map<String, Long> stored = store.inventory();
            if (store.migrateLegacyH2(folder.path().resolve(LEGACY_QUEUE_DIR), stored.isEmpty()) > 0) {
                stored = store.inventory();
            }
            boolean empty = stored.values().stream().mapToLong(Long::longValue).sum() == 0;
            EmbeddedStack stack = new EmbeddedStack(folder, pg, startQueue(store, stored), empty);
            stack.stopQueueIfDatabaseDies();
            return stack;
        } catch (IOException | RuntimeException e) {
            if (pg != null) {
                closeQuietly(pg);
            }
            folder.close();
            throw e;
        }
    }

    private static EmbeddedSqs startQueue(QueueStore store, Map<String, Long> stored) throws IOException {
        EmbeddedSqs sqs = EmbeddedSqs.start(0, store);
        try {
            long messages = stored.values().stream().mapToLong(Long::longValue).sum();
            sqs.awaitRestored(stored, Duration.ofSeconds(60 + messages / 5_000));
        } catch (IOException | RuntimeException e) {
            sqs.close();
            throw e;
        }
        return sqs;
    }

    /**
     * Fail-stop: ElasticMQ answers "sent" once its store has the message; with the database gone it
     * would carry on (its store forgets its tables after an error and then acknowledges without
     * storing). So when the embedded PostgreSQL ends while this stack is open, the queue is stopped
     * with it: clients see an unreachable queue, never an acknowledgement that is not on disk.
     */
    private void stopQueueIfDatabaseDies() {
        ProcessHandle.of(pg.pid()).ifPresent(postmaster -> postmaster.onExit().thenRun(() -> {
            if (!closing.get()) {
                log.error("The embedded PostgreSQL (process {}) stopped unexpectedly; stopping the embedded queue "
                        + "with it so that nothing is acknowledged that is not stored. Restart Drainboard.",
                        postmaster.pid());
                closeQuietly(sqs);
            }
        }));
    }

    /** The embedded queue, when it was asked for. */
    public Optional<EmbeddedSqs> sqs() {
        return Optional.ofNullable(sqs);
    }

    /**
     * True when the embedded queue's store held no message at this start (a new data folder, or
     * one whose queue was drained): the sample is sent only then, so a crash between sending it and
     * noting that it was sent never sends it twice.
     */
    public boolean queueStoreWasEmpty() {
        return queueStoreWasEmpty;
    }

    public EmbeddedPostgresServer postgres() {
        return pg;
    }

    public Path dataDir() {
        return folder.path();
    }

    @Override
    public void close() {
        closing.set(true);
        if (sqs != null) {
            closeQuietly(sqs);
        }
        closeQuietly(pg);
        folder.close();
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            log.warn("Stopping {} failed: {}", c.getClass().getSimpleName(), e.getMessage());
        }
    }
}
