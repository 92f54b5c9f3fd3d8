package dev.drainboard.app;

import dev.drainboard.config.MaskPolicy;
import dev.drainboard.model.Batch;
import dev.drainboard.model.BulkReplay;
import dev.drainboard.model.CommitResult;
import dev.drainboard.model.DrainStats;
import dev.drainboard.model.MaskColumn;
import dev.drainboard.model.MaskGroup;
import dev.drainboard.model.QueueDepth;
import dev.drainboard.model.QueueSetup;
import dev.drainboard.model.StoredCounts;
import dev.drainboard.model.StoredLogin;
import dev.drainboard.model.StoredRejection;
import dev.drainboard.pipeline.DrainOptions;
import dev.drainboard.pipeline.Drainer;
import dev.drainboard.pipeline.LeasePolicy;
import dev.drainboard.pipeline.ProgressListener;
import dev.drainboard.pipeline.StopSignal;
import dev.drainboard.source.QueueAdmin;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The application facade: everything the console and the CLI do below them, in one place. Queue
 * (depths, send, replay), batch (fetch, commit, release, keep the lease), drain (run with progress,
 * stop through a {@link StopSignal}), stored data (read-only queries), reveal, and what the header
 * says about where things run. The connection check and the migration, which run before anything
 * is open, are {@link ConnectionCheck} and {@link Migration}.
 *
 * <p>Every method blocks (network and database calls): the console calls them through its task
 * adapter, never on the UI thread. Thread-safe as far as its parts are: the drainer, the queue
 * client and the pools all are.
 */
public final class Operations implements AutoCloseable {

    /**
     * Where things run, in words for the header and the log.
     *
     * @param mode           "Embedded demo", "Mixed" or "External"
     * @param keyFingerprint the mask key's short fingerprint (never the key)
     * @param sqsWhere       the queue URL, with "(embedded)" when in-process
     * @param dbWhere        the database, without password
     * @param workers        the configured drain workers
     * @param pollWait       the long-poll wait of a drain's receives ({@code --wait-seconds}, as the CLI's drain)
     * @param maskPolicy     the mask policy in force, for people ("masked: ip, device_id")
     */
    public record About(String mode, String keyFingerprint, String sqsWhere, String dbWhere, int workers,
                        Duration pollWait, String maskPolicy) {
        /** The default of {@code --wait-seconds}. */
        public static final Duration DEFAULT_POLL_WAIT = Duration.ofSeconds(1);

        /** With the default mask policy. */
        public About(String mode, String keyFingerprint, String sqsWhere, String dbWhere, int workers,
                     Duration pollWait) {
            this(mode, keyFingerprint, sqsWhere, dbWhere, workers, pollWait, MaskPolicy.DEFAULT.summary());
        }

        /** With the default poll wait. */
        public About(String mode, String keyFingerprint, String sqsWhere, String dbWhere, int workers) {
            this(mode, keyFingerprint, sqsWhere, dbWhere, workers, DEFAULT_POLL_WAIT);
        }
    }

    private final Drainer drainer;
    private final QueueAdmin queue;
    private final StoredData stored;
    private final Reveals reveals;
    private final About about;
    private final TableMasking tableMasking;
    private final Explore explore;
    private final AutoCloseable closer;

    /**
     * Over the given parts; {@code closer} runs on {@link #close()} (the workspace, for the real
     * app). Tests build it over in-memory fakes.
     */
    public Operations(Drainer drainer, QueueAdmin queue, StoredData stored, Reveals reveals, About about,
                      AutoCloseable closer) {
        this(drainer, queue, stored, reveals, about, TableMasking.NONE, closer);
    }

    /** With the in-place masking of stored tables ({@code mask-table}). */
    public Operations(Drainer drainer, QueueAdmin queue, StoredData stored, Reveals reveals, About about,
                      TableMasking tableMasking, AutoCloseable closer) {
        this(drainer, queue, stored, reveals, about, tableMasking, null, closer);
    }

    /** With the analyst's queries of the Explore tab and {@code drainboard export}. */
    public Operations(Drainer drainer, QueueAdmin queue, StoredData stored, Reveals reveals, About about,
                      TableMasking tableMasking, Explore explore, AutoCloseable closer) {
        this.explore = explore;
        this.drainer = drainer;
        this.queue = queue;
        this.stored = stored;
        this.reveals = reveals;
        this.about = about;
        this.tableMasking = tableMasking;
        this.closer = closer;
    }

    /** The same operations, but closing them leaves the parts open (tests share one workspace). */
    public Operations borrowed() {
        return new Operations(drainer, queue, stored, reveals, about, tableMasking, explore, () -> { });
    }

    public About about() {
        return about;
    }

    // --- queue ---

    /** Available, in flight and delayed messages of the queue. */
    public QueueDepth depth() {
        return queue.depth();
    }

    /** The same for the dead-letter queue, where rejected messages keep their raw bodies. */
    public QueueDepth deadLetterDepth() {
        return queue.deadLetterDepth();
    }

    /** FIFO or standard, and which dead-letter queue is in use (the queue's redrive target or Drainboard's own). */
    public QueueSetup queueSetup() {
        return queue.setup();
    }

    /**
     * Sends every dead letter back to the queue at once, the rejections not yet replayed marked
     * first (among the latest {@code limit}); by an SQS message move task where it fits, else by
     * receive and send (see {@link Drainer#replayAll}).
     */
    public BulkReplay replayAll(int limit) {
        List<String> ids = new java.util.ArrayList<>();
        for (StoredRejection r : stored.rejections(limit)) {
            ids.add(r.messageId());
        }
        return drainer.replayAll(ids);
    }

    /** Sends message bodies to the queue (demo and seed messages). */
    public void send(List<String> bodies) {
        queue.send(bodies);
    }

    /**
     * Sends the rejected message back from the dead-letter queue to the queue once (its rejection
     * record marked first), scanning at most {@code scan} dead letters; false when there is nothing
     * to replay (see {@link Drainer#replay}).
     */
    public boolean replay(String messageId, int scan) {
        return drainer.replay(messageId, scan);
    }

    // --- batch, step by step ---

    /** Receives up to {@code n} messages and masks them; nothing is written. Empty when the queue had none. */
    public Batch fetch(int n, Duration wait) {
        return drainer.fetchBatch(n, wait);
    }

    /** Writes the batch in one transaction, then deletes its messages from the queue. */
    public CommitResult commit(Batch batch) {
        return drainer.commit(batch);
    }

    /** Returns the batch's messages to the queue at once; nothing is written. */
    public void release(Batch batch) {
        drainer.release(batch);
    }

    /**
     * Keeps the batch in hand leased by the one {@link LeasePolicy}: extends it when it is due,
     * otherwise returns it unchanged. {@code nextLook} is when the caller will ask again.
     */
    public Batch keepLease(Batch batch, Instant now, Duration nextLook) {
        if (LeasePolicy.dueForExtension(batch, now, drainer.visibilityTimeout(), nextLook)) {
            return drainer.extendLease(batch);
        }
        return batch;
    }

    // --- drain ---

    /**
     * Drains with {@code options} until the queue is empty, the limit is reached or {@code stop} is
     * signalled; progress arrives on worker threads (wrap the listener in a
     * {@link dev.drainboard.pipeline.ProgressThrottle}). Returns the final totals.
     */
    public DrainStats drain(DrainOptions options, ProgressListener listener, StopSignal stop) {
        return drainer.drainAll(options, listener, stop);
    }

    // --- stored data ---

    public StoredCounts counts() {
        return stored.counts();
    }

    /** Counts for the live panel: PostgreSQL's estimate above 100,000 rows, so polling never scans. */
    public StoredCounts liveCounts() {
        return stored.liveCounts();
    }

    public List<StoredLogin> latestRows(int limit) {
        return stored.latestRows(limit);
    }

    public List<MaskGroup> topRepeated(MaskColumn column, int limit) {
        return stored.topRepeated(column, limit);
    }

    /** How many committed rows carry each of {@code masks} in {@code column} (absent = none). */
    public Map<String, Long> countsOf(MaskColumn column, Collection<String> masks) {
        return stored.countsOf(column, masks);
    }

    public List<StoredRejection> rejections(int limit) {
        return stored.rejections(limit);
    }

    // --- explore ---

    /**
     * The analyst's queries: filtered keyset pages, counts, follow a mask, shared masks, charts and
     * streamed export (see {@link Explore}).
     *
     * @throws IllegalStateException when these operations were built without them
     */
    public Explore explore() {
        if (explore == null) {
            throw new IllegalStateException("the explore queries are not available here");
        }
        return explore;
    }

    /** The same operations with {@code e} as their explore queries. */
    public Operations withExplore(Explore e) {
        return new Operations(drainer, queue, stored, reveals, about, tableMasking, e, closer);
    }

    // --- reveal ---

    /** The audited reveal of masked values; without a keyset it refuses and says why. */
    public Reveals reveals() {
        return reveals;
    }

    // --- masking what is stored ---

    /** Masks the raw values of a stored table in place, as {@code drainboard mask-table} does. */
    public TableMasking tableMasking() {
        return tableMasking;
    }

    @Override
    public void close() throws Exception {
        closer.close();
    }
}
