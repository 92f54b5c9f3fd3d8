package dev.drainboard.app;

import dev.drainboard.config.AppConfig;
import dev.drainboard.config.MaskKey;
import dev.drainboard.config.MaskKeys;
import dev.drainboard.embedded.EmbeddedPostgresServer;
import dev.drainboard.embedded.EmbeddedSqs;
import dev.drainboard.pipeline.DemoMessages;
import dev.drainboard.pipeline.Drainer;
import dev.drainboard.sink.GroupCommitSink;
import dev.drainboard.pipeline.Revealer;
import dev.drainboard.sink.PostgresLoginSink;
import dev.drainboard.source.SqsClients;
import dev.drainboard.source.SqsQueueSource;
import dev.drainboard.transform.Masker;
import dev.drainboard.transform.LoginParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything one run of Drainboard needs, opened from one {@link AppConfig}: the mask key, the
 * embedded servers for whatever is not configured, the queue source, the database sink and the
 * {@link Drainer}. The CLI and the console both start here. Closing it closes all of it, in
 * reverse order.
 */
public final class Workspace implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Workspace.class);
    static final String SEEDED_MARKER = ".sample-seeded";

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

    private Workspace(AppConfig requested, AppConfig config, MaskKey key, Masking masking, SqsQueueSource source,
                      PostgresLoginSink sink, Deque<AutoCloseable> closeables, boolean seededNow) {
        this.embeddedSqs = requested.embeddedSqs();
        this.embeddedDb = requested.embeddedDb();
        this.config = config;
        this.key = key;
        this.masking = masking;
        this.source = source;
        this.sink = sink;
        this.closeables = closeables;
        this.seededNow = seededNow;
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
        Deque<AutoCloseable> opened = new ArrayDeque<>();
        try {
            Files.createDirectories(config.dataDir());
            LogFiles.attach(config.dataDir().resolve("logs"));
            MaskKey key = MaskKeys.load(config);
            Masking masking = Masking.open(config, key);
            AppConfig effective = config;
            if (config.embeddedSqs()) {
                status.accept("Starting embedded SQS (ElasticMQ)...");
                EmbeddedSqs sqs = EmbeddedSqs.start(0, config.dataDir().resolve("elasticmq"));
                opened.push(sqs);
                effective = effective.withSqsEndpoint(sqs.endpoint());
            }
            if (config.embeddedDb()) {
                status.accept("Starting embedded PostgreSQL...");
                EmbeddedPostgresServer pg = EmbeddedPostgresServer.start(config.dataDir().resolve("postgres"), 0);
                opened.push(pg);
                effective = effective.withJdbcUrl(pg.jdbcUrl())
                        .withDbCredentials(EmbeddedPostgresServer.USER, "postgres");
            }
            status.accept("Connecting to SQS...");
            SqsQueueSource source = SqsClients.open(effective, effective.sqsEndpoint().orElse(null));
            opened.push(source);
            status.accept("Connecting to PostgreSQL...");
            PostgresLoginSink sink = PostgresLoginSink.open(effective.jdbcUrl().orElseThrow(), effective.dbUser(),
                    effective.dbPassword(), effective.workers() + 4);
            opened.push(sink);
            boolean seeded = false;
            Path marker = config.dataDir().resolve(SEEDED_MARKER);
            if (config.embeddedSqs() && !Files.exists(marker)) {
                status.accept("First start: sending the 100 sample messages...");
                source.send(DemoMessages.sample());
                Files.writeString(marker, "sample messages sent on first start\n");
                seeded = true;
            }
            log.info("Workspace open: {}; masking {}", effective.describe(), masking.description());
            return new Workspace(config, effective, key, masking, source, sink, opened, seeded);
        } catch (IOException e) {
            closeAll(opened);
            throw new UncheckedIOException("Could not start: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeAll(opened);
            throw e;
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

    @Override
    public void close() {
        closeAll(closeables);
    }

    private static void closeAll(Deque<AutoCloseable> stack) {
        while (!stack.isEmpty()) {
            AutoCloseable c = stack.pop();
            try {
                c.close();
            } catch (Exception e) {
                log.warn("Closing {} failed: {}", c.getClass().getSimpleName(), e.getMessage());
            }
        }
    }
}
