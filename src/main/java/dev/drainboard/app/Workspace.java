package dev.drainboard.app;

import com.zaxxer.hikari.HikariDataSource;
import dev.drainboard.config.AppConfig;
import dev.drainboard.config.MaskKey;
import dev.drainboard.config.MaskKeys;
import dev.drainboard.embedded.DataFolder;
import dev.drainboard.embedded.EmbeddedPostgresServer;
import dev.drainboard.embedded.EmbeddedStack;
import dev.drainboard.model.QueueDepth;
import dev.drainboard.model.QueueSetup;
import dev.drainboard.pipeline.DemoMessages;
import dev.drainboard.pipeline.Drainer;
import dev.drainboard.pipeline.Revealer;
import dev.drainboard.sink.GroupCommitSink;
import dev.drainboard.sink.PostgresLoginSink;
import dev.drainboard.sink.ExploreQueries;
import dev.drainboard.sink.Warehouse;
import dev.drainboard.source.SqsClients;
import dev.drainboard.source.SqsQueueSource;
import dev.drainboard.transform.LoginParser;
import dev.drainboard.transform.Masker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything one run of Drainboard needs, opened from one {@link AppConfig}: the mask key, the
 * embedded servers for whatever is not configured, the queue source, the database sink and the
 * {@link Drainer}. The single place that opens servers and pools: the console, the CLI,
 * {@code unmask} ({@link #openForReveal}), the bench, the connection check and the migration all
 * start here. The faces use what it opened through {@link #operations()}. Closing it closes all
 * of it, in reverse order.
 *
 * <p>On SIGTERM or Ctrl-C, a JVM shutdown hook runs what the owner registered with
 * {@link #onShutdown} (stop the drain, release the batch in hand), waits up to
 * {@link #SHUTDOWN_GRACE} for the owner to close the workspace, and otherwise closes it itself, so
 * the servers always stop in order (queue before database) and never race each other's hooks.
 */
public final class Workspace implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Workspace.class);
    static final String SEEDED_MARKER = ".sample-seeded";
    /** How long a signal waits for the owner's own stop before the workspace closes itself. */
    static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(25);
    /** How long a signal during the start waits for the step under way (a server start, the queue's restore). */
    static final Duration START_ABORT_WAIT = Duration.ofSeconds(90);

    private final AppConfig config;
    private final MaskKey key;
    private final Masking masking;
    private final SqsQueueSource source;
    private final PostgresLoginSink sink;
    private final Drainer drainer;
    private final Deque<AutoCloseable> closeables;
    private final boolean seededNow;
    private final boolean embeddedSqs;
    private final boolean embeddedDb;
    private final List<Runnable> onShutdown = new CopyOnWriteArrayList<>();
    private final AtomicBoolean closing = new AtomicBoolean();
    private final CountDownLatch closed = new CountDownLatch(1);
    private final Thread shutdownHook = new Thread(this::shutdownOnSignal, "drainboard-shutdown");
    private final EmbeddedStack embedded;

    private Workspace(AppConfig requested, AppConfig config, MaskKey key, Masking masking, SqsQueueSource source,
                      PostgresLoginSink sink, Deque<AutoCloseable> closeables, boolean seededNow,
                      EmbeddedStack embedded) {
        this.embedded = embedded;
        this.embeddedSqs = requested.embeddedSqs();
        this.embeddedDb = requested.embeddedDb();
        this.config = config;
        this.key = key;
        this.masking = masking;
        this.source = source;
        this.sink = sink;
        this.closeables = closeables;
        this.seededNow = seededNow;
        if (source == null) {
            this.drainer = null;
            return;
        }
        Masker masker = masking.masker();
        GroupCommitSink writer = new GroupCommitSink(sink, 2, 64);
        closeables.push(writer);
        // the parser rejects values too long for the scheme's mask, so they never stop a batch
        this.drainer = new Drainer(source, new LoginParser(masker.maxInputBytes()), masker, writer, Clock.systemUTC());
    }

    /**
     * Opens the workspace. {@code status} hears each step ("Starting embedded PostgreSQL...").
     * On the first start of a new data folder with embedded SQS, the 100 sample messages are sent.
     */
    public static Workspace open(AppConfig config, Consumer<String> status) {
        Deque<AutoCloseable> opened = new java.util.concurrent.ConcurrentLinkedDeque<>();
        // A signal while starting: let the step under way finish (a server half started would be
        // orphaned, an initdb cut short would leave a cluster that does not start), then stop all.
        AtomicBoolean aborted = new AtomicBoolean();
        CountDownLatch openEnded = new CountDownLatch(1);
        Thread abortStart = new Thread(() -> {
            aborted.set(true);
            try {
                openEnded.await(START_ABORT_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            closeAll(opened);
        }, "drainboard-start-abort");
        Runtime.getRuntime().addShutdownHook(abortStart);
        Runnable checkSignal = () -> {
            if (aborted.get()) {
                throw new IllegalStateException("stopped by a signal while starting");
            }
        };
        EmbeddedStack stack = null;
        try {
            if (config.embeddedSqs() || config.embeddedDb()) {
                // the lock comes before anything is written to the folder
                stack = EmbeddedStack.open(DataFolder.lock(config.dataDir()), config.embeddedSqs(), status);
                opened.push(stack);
                checkSignal.run();
            } else {
                DataFolder.prepare(config.dataDir());
            }
            LogFiles.attach(config.dataDir().resolve("logs"));
            MaskKey key = MaskKeys.load(config);
            Masking masking = Masking.open(config, key);
            AppConfig effective = config;
            if (config.embeddedSqs()) {
                effective = effective.withSqsEndpoint(stack.sqs().orElseThrow().endpoint());
            }
            if (config.embeddedDb()) {
                EmbeddedPostgresServer pg = stack.postgres();
                effective = effective.withJdbcUrl(pg.jdbcUrl()).withDbCredentials(pg.user(), pg.password());
            }
            status.accept("Connecting to SQS...");
            SqsQueueSource source = SqsClients.open(effective, effective.sqsEndpoint().orElse(null));
            opened.push(source);
            checkSignal.run();
            status.accept("Connecting to PostgreSQL...");
            PostgresLoginSink sink = PostgresLoginSink.open(effective.jdbcUrl().orElseThrow(), effective.dbUser(),
                    effective.dbPassword(), effective.workers() + 4);
            opened.push(sink);
            boolean seeded = false;
            Path marker = config.dataDir().resolve(SEEDED_MARKER);
            if (config.embeddedSqs() && !Files.exists(marker)) {
                // only into an empty store; a store holding messages had its sample (a crash may have
                // come between sending it and writing the marker), so only the marker is written then
                if (stack.queueStoreWasEmpty()) {
                    status.accept("First start: sending the 100 sample messages...");
                    source.send(DemoMessages.sample());
                    seeded = true;
                }
                Files.writeString(marker, "sample messages sent on first start\n");
                if (Files.getFileAttributeView(marker, java.nio.file.attribute.PosixFileAttributeView.class) != null) {
                    Files.setPosixFilePermissions(marker, java.nio.file.attribute.PosixFilePermissions.fromString(
                            "rw-------"));
                }
            }
            checkSignal.run();
            Workspace ws = new Workspace(config, effective, key, masking, source, sink, opened, seeded, stack);
            Runtime.getRuntime().addShutdownHook(ws.shutdownHook);
            removeHook(abortStart);
            log.info("Workspace open: {}; masking {}", effective.describe(), masking.description());
            return ws;
        } catch (IOException e) {
            removeHook(abortStart);
            closeAll(opened);
            throw new UncheckedIOException("Could not start: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            removeHook(abortStart);
            closeAll(opened);
            throw e;
        } finally {
            openEnded.countDown();
        }
    }

    /**
     * Opens only what revealing needs: PostgreSQL (embedded or configured) and the SIV keyset, never
     * SQS, so a reveal works while the queue is down and never sends the first-start sample messages.
     * Of the result only {@link #reveals()} and the descriptions are usable.
     */
    public static Workspace openForReveal(AppConfig config, Consumer<String> status) {
        Masking masking = Masking.forReveal(config);
        Deque<AutoCloseable> opened = new ArrayDeque<>();
        EmbeddedStack stack = null;
        try {
            AppConfig effective = config;
            if (config.embeddedDb()) {
                stack = EmbeddedStack.open(DataFolder.lock(config.dataDir()), false, status);
                opened.push(stack);
                EmbeddedPostgresServer server = stack.postgres();
                effective = config.withJdbcUrl(server.jdbcUrl()).withDbCredentials(server.user(), server.password());
            }
            PostgresLoginSink sink = PostgresLoginSink.open(effective.jdbcUrl().orElseThrow(), effective.dbUser(),
                    effective.dbPassword(), 2);
            opened.push(sink);
            return new Workspace(config, effective, null, masking, null, sink, opened, false, stack);
        } catch (IOException e) {
            closeAll(opened);
            throw new UncheckedIOException("Could not start the embedded PostgreSQL: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeAll(opened);
            throw e;
        }
    }

    /** A pool of {@code size} connections to the configured external database; the caller closes it. */
    static HikariDataSource pool(AppConfig config, int size) {
        return PostgresLoginSink.pool(config.jdbcUrl().orElseThrow(), config.dbUser(), config.dbPassword(), size);
    }

    /** Opens the configured external queue, reads how it is set up and closes it again ({@code schema}). */
    static QueueSetup probeSetup(AppConfig config) {
        try (SqsQueueSource s = SqsClients.open(config, config.sqsEndpoint().orElse(null))) {
            return s.setup();
        }
    }

    /** Opens the configured external queue, reads its depth and closes it again (the connection check). */
    static QueueDepth probeQueue(AppConfig config) {
        try (SqsQueueSource s = SqsClients.open(config, config.sqsEndpoint().orElse(null))) {
            return s.depth();
        }
    }

    /**
     * The facade over this workspace: what the console and the CLI call. Closing it closes the
     * workspace.
     *
     * @throws IllegalStateException for a workspace opened {@link #openForReveal for revealing} only
     */
    public Operations operations() {
        if (drainer == null) {
            throw new IllegalStateException("this workspace was opened for revealing only");
        }
        return new Operations(drainer, source, StoredData.of(new Warehouse(sink.dataSource())), reveals(),
                new Operations.About(mode(), key.fingerprint(), sqsDescription() + (embeddedSqs ? " (embedded)" : ""),
                        dbDescription() + (embeddedDb ? " (embedded)" : ""), config.workers(),
                        Duration.ofSeconds(config.waitSeconds()), config.maskPolicy().summary()),
                TableMasking.of(MaskTableDesk.over(this)), this::close)
                .withExplore(Explore.of(new ExploreQueries(sink.dataSource())));
    }

    /** The audited reveal of masked values, with the console's wording when no keyset exists. */
    public Reveals reveals() {
        return Reveals.of(revealer(), masking);
    }

    /** The queue URL (empty for a workspace opened for revealing only). */
    public String sqsDescription() {
        return source == null ? "" : source.describe();
    }

    /** The database URL and user, never the password. */
    public String dbDescription() {
        return sink.describe();
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running: it stops what was opened
        }
    }

    public boolean embeddedSqs() {
        return embeddedSqs;
    }

    public boolean embeddedDb() {
        return embeddedDb;
    }

    /** The configuration with the embedded endpoints filled in. */
    public AppConfig config() {
        return config;
    }

    public MaskKey key() {
        return key;
    }

    /** The scheme new rows are masked with and its key material (never shown). */
    public Masking masking() {
        return masking;
    }

    /**
     * Reveals masked values for an operator who states a reason (the console's Reveal action).
     * When no SIV keyset exists, {@link Revealer#canReveal()} is false and
     * {@link Revealer#unavailableReason()} says why.
     */
    public Revealer revealer() {
        return masking.revealer(sink.dataSource());
    }

    public SqsQueueSource source() {
        return source;
    }

    public PostgresLoginSink sink() {
        return sink;
    }

    public Drainer drainer() {
        return drainer;
    }

    /** True when this start sent the sample messages (a new data folder). */
    public boolean seededNow() {
        return seededNow;
    }

    /** "Embedded demo" when both servers are in-process, otherwise "External" (or mixed). */
    public String mode() {
        return embeddedSqs && embeddedDb ? "Embedded demo" : embeddedSqs || embeddedDb ? "Mixed" : "External";
    }

    /** The embedded servers' data folder parts (for the endpoints shown to people), when any runs. */
    public java.util.Optional<EmbeddedPostgresServer> embeddedPostgres() {
        return java.util.Optional.ofNullable(embedded).map(EmbeddedStack::postgres);
    }

    /**
     * How to reach the embedded PostgreSQL with psql ({@code PGPASSFILE=… psql -h 127.0.0.1 -p … -U …
     * postgres}), for people who want it alongside; empty when the database is not embedded. The
     * password itself stays in its owner-only file.
     */
    public java.util.Optional<String> psqlCommand() {
        return embeddedPostgres().filter(pg -> embeddedDb).flatMap(pg -> pg.passwordFile().map(f ->
                "PGPASSFILE=" + f + " psql -h 127.0.0.1 -p " + pg.port() + " -U " + pg.user() + " postgres"));
    }

    /**
     * Registers what to do when the process is asked to stop (SIGTERM, Ctrl-C): stop a drain, release
     * a batch in hand. It runs on the shutdown thread; the owner then closes the workspace as usual.
     */
    public void onShutdown(Runnable stop) {
        onShutdown.add(stop);
    }

    private void shutdownOnSignal() {
        if (closing.get()) {
            awaitClosed(SHUTDOWN_GRACE);
            return;
        }
        log.info("Asked to stop: finishing the work in hand, then stopping the servers ({} stop actions)",
                onShutdown.size());
        for (Runnable r : onShutdown) {
            try {
                r.run();
            } catch (RuntimeException e) {
                log.warn("Stopping on a signal: {}", e.getMessage());
            }
        }
        if (onShutdown.isEmpty() || !awaitClosed(SHUTDOWN_GRACE)) {
            log.info("Stopping the servers (the owner did not close the workspace within {} s)",
                    SHUTDOWN_GRACE.toSeconds());
            close();
        }
        log.info("Stopped");
    }

    private boolean awaitClosed(Duration d) {
        try {
            return closed.await(d.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Closes everything in reverse order of opening. A second call waits for the first to finish. */
    @Override
    public void close() {
        if (!closing.compareAndSet(false, true)) {
            awaitClosed(SHUTDOWN_GRACE);
            return;
        }
        try {
            closeAll(closeables);
        } finally {
            closed.countDown();
            if (Thread.currentThread() != shutdownHook) {
                removeHook(shutdownHook);
            }
        }
    }

    private static void closeAll(Deque<AutoCloseable> stack) {
        AutoCloseable c;
        while ((c = stack.pollFirst()) != null) {
            try {
                c.close();
            } catch (Exception e) {
                log.warn("Closing {} failed: {}", c.getClass().getSimpleName(), e.getMessage());
            }
        }
    }
}
