package dev.drainboard.pipeline;

import dev.drainboard.model.Batch;
import dev.drainboard.model.BulkReplay;
import dev.drainboard.model.CommitResult;
import dev.drainboard.model.DrainStats;
import dev.drainboard.model.MaskedLogin;
import dev.drainboard.model.QueueMessage;
import dev.drainboard.model.Rejection;
import dev.drainboard.sink.LoginSink;
import dev.drainboard.sink.SinkException;
import dev.drainboard.source.DrainQueue;
import dev.drainboard.source.SourceException;
import dev.drainboard.transform.LoginParser;
import dev.drainboard.transform.Masker;
import dev.drainboard.transform.ParseResult;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one pipeline behind the console and the CLI: receive, parse, mask, write, and only then
 * delete. Step by step ({@link #fetchBatch}, {@link #commit}, {@link #release}) or all at once
 * ({@link #drainAll}). Thread-safe: it holds no mutable state of its own; {@code drainAll} runs
 * its workers on threads it owns and returns when they are done.
 */
public final class Drainer {
    private static final Logger log = LoggerFactory.getLogger(Drainer.class);
    private static final int RECEIVE_MAX = 10;
    /** Commits (write, then delete) a drain keeps in flight per worker; see {@code DrainRun}. */
    public static final int COMMITS_PER_WORKER = DrainRun.COMMITS_PER_WORKER;
    /** Receivers an adaptive drain starts with. */
    public static final int ADAPTIVE_START = DrainRun.ADAPT_START;

    private final DrainQueue source;
    private final LoginParser parser;
    private final Masker masker;
    private final LoginSink sink;
    private final Clock clock;

    public Drainer(DrainQueue source, LoginParser parser, Masker masker, LoginSink sink, Clock clock) {
        this.source = source;
        this.parser = parser;
        this.masker = masker;
        this.sink = sink;
        this.clock = clock;
    }

    /** The queue's visibility timeout: how long a fetched batch stays invisible to other consumers. */
    public Duration visibilityTimeout() {
        return source.visibilityTimeout();
    }

    /**
     * True on a FIFO queue: SQS withholds a message group while one of its messages is in flight,
     * so an empty receive may only mean that every group with messages is being committed.
     */
    boolean withholdsGroups() {
        return source.withholdsGroups();
    }

    /** One receive for a drain worker (at most 10 messages). */
    List<QueueMessage> receive(int max, Duration wait) {
        return source.receive(max, wait);
    }

    /**
     * Receives up to {@code n} messages (several receives of at most 10) and parses and masks them.
     * Nothing is written. The messages stay invisible to other consumers until the batch's
     * {@code leaseExpiry}; commit or release the batch before then. An empty batch means the queue
     * had nothing visible within {@code wait}.
     */
    public Batch fetchBatch(int n, Duration wait) {
        if (n < 1) {
            throw new IllegalArgumentException("a batch has at least one message");
        }
        Instant first = clock.instant();
        List<QueueMessage> got = new ArrayList<>();
        while (got.size() < n) {
            List<QueueMessage> part = source.receive(Math.min(RECEIVE_MAX, n - got.size()), wait);
            if (part.isEmpty()) {
                break;
            }
            got.addAll(part);
        }
        return prepare(got, first);
    }

    /** Parses and masks received messages. Never throws for a bad body: it becomes a rejection. */
    public Batch prepare(List<QueueMessage> messages, Instant receivedAt) {
        List<MaskedLogin> rows = new ArrayList<>(messages.size());
        List<Rejection> rejections = new ArrayList<>();
        for (QueueMessage m : messages) {
            ParseResult r = parser.parse(m);
            if (r instanceof ParseResult.Parsed p) {
                rows.add(masker.apply(p.event()));
            } else {
                rejections.add(((ParseResult.Rejected) r).rejection());
            }
        }
        return new Batch(messages, rows, rejections, receivedAt.plus(source.visibilityTimeout()));
    }

    /**
     * Makes the batch final: raw bodies of rejections to the dead-letter queue, then one database
     * transaction (ledger, rows, rejection records), then - only after it committed - deletes from
     * the queue. A row whose data the database refuses (SQLSTATE class 22 or 23) turns into a
     * rejection instead of blocking the rest; any other refusal (a missing privilege, a broken
     * schema) is the database's fault and is thrown, so no valid login is quarantined for it.
     *
     * @throws SinkException   when the database is unreachable or refuses for a reason that is not
     *                         the data ({@link SinkException#isDataRefused()} false): nothing was deleted
     * @throws SourceException when the dead-letter queue is unreachable: nothing was written or deleted
     */
    public CommitResult commit(Batch batch) {
        if (batch.isEmpty()) {
            return CommitResult.NONE;
        }
        if (batch.leaseExpired(clock.instant())) {
            log.warn("Committing a batch of {} whose lease expired at {}: another consumer may have taken its "
                    + "messages; the ledger keeps rows from doubling", batch.size(), batch.leaseExpiry());
        }
        sendToDeadLetter(batch.rejections(), batch);
        CommitResult written = writeIsolatingPoison(batch);
        DrainQueue.DeleteOutcome d = source.delete(batch.messages());
        if (!d.failedIds().isEmpty()) {
            log.warn("{} of {} committed messages could not be deleted; they will come back and be skipped as "
                    + "duplicates", d.failedIds().size(), batch.size());
        }
        return new CommitResult(written.written(), written.rejected(), written.duplicates(), d.deleted(),
                d.failedIds().size());
    }

    /**
     * The one place bad data is isolated. The batch is written (with others, through a group-commit
     * sink); when the database refuses the data (not an outage), the batch is written again alone,
     * and when that is refused too, message by message, a refused row becoming a rejection. The
     * retries go straight to the database ({@link LoginSink#writeAlone}), never back through a group.
     */
    private CommitResult writeIsolatingPoison(Batch batch) {
        try {
            return sink.write(batch);
        } catch (SinkException e) {
            if (e.isRetryable() || !e.isDataRefused()) {
                throw e;
            }
        }
        try {
            return sink.writeAlone(batch);
        } catch (SinkException e) {
            if (e.isRetryable() || !e.isDataRefused()) {
                throw e;
            }
            log.warn("The database refused a batch of {} ({}); writing its messages one by one", batch.size(),
                    sqlState(e));
        }
        // one by one in receive order, so that on a FIFO queue a group's messages are committed in sequence order
        java.util.Map<String, MaskedLogin> rowsById = new java.util.HashMap<>();
        batch.rows().forEach(r -> rowsById.put(r.messageId(), r));
        java.util.Map<String, Rejection> rejectionsById = new java.util.HashMap<>();
        batch.rejections().forEach(r -> rejectionsById.put(r.messageId(), r));
        CommitResult total = CommitResult.NONE;
        for (QueueMessage m : batch.messages()) {
            MaskedLogin row = rowsById.remove(m.messageId());
            Rejection rejection = rejectionsById.remove(m.messageId());
            if (row != null) {
                Batch one = new Batch(List.of(m), List.of(row), List.of(), batch.leaseExpiry());
                try {
                    total = total.plus(sink.writeAlone(one));
                } catch (SinkException e) {
                    if (e.isRetryable() || !e.isDataRefused()) {
                        throw e;
                    }
                    total = total.plus(writeAsRefused(one, row, e));
                }
            } else if (rejection != null) {
                total = total.plus(sink.writeAlone(new Batch(List.of(m), List.of(), List.of(rejection),
                        batch.leaseExpiry())));
            }
        }
        return total;
    }

    private CommitResult writeAsRefused(Batch one, MaskedLogin row, SinkException cause) {
        String reason = "PostgreSQL refused the row: " + sqlState(cause);
        Rejection rejection = new Rejection(row.messageId(), reason, "valid login, refused by the database");
        Batch asRejection = new Batch(one.messages(), List.of(), List.of(rejection), one.leaseExpiry());
        sendToDeadLetter(asRejection.rejections(), asRejection);
        return sink.writeAlone(asRejection);
    }

    private static String sqlState(SinkException e) {
        Throwable c = e.getCause();
        if (c instanceof java.sql.SQLException s) {
            return "SQLSTATE " + s.getSQLState();
        }
        return "unknown cause";
    }

    private void sendToDeadLetter(List<Rejection> rejections, Batch batch) {
        if (rejections.isEmpty()) {
            return;
        }
        List<DrainQueue.DeadLetter> letters = new ArrayList<>(rejections.size());
        for (Rejection r : rejections) {
            letters.add(new DrainQueue.DeadLetter(messageOf(batch, r.messageId()), r.reason()));
        }
        source.sendToDeadLetter(letters);
    }

    private static QueueMessage messageOf(Batch batch, String messageId) {
        for (QueueMessage m : batch.messages()) {
            if (m.messageId().equals(messageId)) {
                return m;
            }
        }
        throw new IllegalArgumentException("message " + messageId + " is not in the batch");
    }

    /**
     * Sends the rejected message {@code messageId} back from the dead-letter queue to the queue,
     * once, however many copies the dead-letter queue holds (all are deleted). Its rejection record
     * is marked replayed first, so the copy that comes back is written under its original id
     * exactly once and the record says what became of it. Returns false when there is nothing to
     * replay: no copy among the first {@code scan} dead letters, no rejection record, or the message
     * is already a row (then copies a crash left behind are deleted).
     */
    public boolean replay(String messageId, int scan) {
        String previous = sink.markReplayed(messageId);
        if ("row".equals(previous)) {
            // copies left by a crash between the replay's send and its deletes: the row exists, drop them
            int dropped = source.discardDeadLetters(messageId, scan);
            log.info("Message {} is already a row (replayed before); {} leftover dead-letter copies deleted",
                    messageId, dropped);
            return false;
        }
        if (previous == null) {
            log.info("Message {} is not replayed: it has no rejection record", messageId);
            return false;
        }
        boolean found = source.replay(messageId, scan);
        if (!found) {
            sink.replayNotFound(messageId, previous);
        }
        return found;
    }

    /**
     * Sends the whole dead-letter queue back to the queue: the rejection records of
     * {@code messageIds} (the rejected messages not yet replayed) are marked replayed first, so
     * each comes back as its original message once; then the dead-letter queue is moved back in
     * bulk (an SQS message move task where it fits, else receive and send).
     */
    public BulkReplay replayAll(List<String> messageIds) {
        for (String id : messageIds) {
            sink.markReplayed(id);
        }
        return source.replayAll();
    }

    /** Returns the batch's messages to the queue at once. Nothing is written. */
    public void release(Batch batch) {
        if (!batch.isEmpty()) {
            source.release(batch.messages());
        }
    }

    /** Keeps the batch invisible for another visibility timeout; returns it with its new expiry. */
    public Batch extendLease(Batch batch) {
        if (batch.isEmpty()) {
            return batch;
        }
        Instant now = clock.instant();
        source.extendLease(batch.messages(), source.visibilityTimeout());
        return batch.withLeaseExpiry(now.plus(source.visibilityTimeout()));
    }

    /**
     * Drains until the queue is empty, {@code maxMessages} have been received, or {@code stop} is
     * signalled. Each worker receives up to 10, commits, and repeats; it ends after a receive that
     * returns nothing. Outages of SQS or PostgreSQL are waited out with backoff (reported through
     * {@link ProgressListener#onStatus}); a batch in hand is kept, its lease extended, and committed
     * once the server is back. On stop, the commit in flight finishes and held batches are released.
     * With {@link DrainOptions#follow()} an empty receive does not end a worker and no outage is
     * given up on: the drain runs until {@code stop} (or a failure waiting cannot fix).
     *
     * @return the final totals
     * @throws DrainException when a worker hits a failure that waiting cannot fix (e.g. a broken schema)
     */
    public DrainStats drainAll(DrainOptions options, ProgressListener listener, StopSignal stop) {
        long depth;
        try {
            depth = source.depth().available();
        } catch (SourceException e) {
            depth = 0;
        }
        DrainRun run = new DrainRun(this, options, listener, stop, depth, clock);
        return run.execute();
    }

    /**
     * {@link #drainAll(DrainOptions, ProgressListener, StopSignal)}, telling {@code limitChanges}
     * every new receiver limit of an adaptive drain ({@link DrainOptions#adaptive()}); the bench
     * uses it to show where the limit settled.
     */
    public DrainStats drainAll(DrainOptions options, ProgressListener listener, StopSignal stop,
                               java.util.function.IntConsumer limitChanges) {
        long depth;
        try {
            depth = source.depth().available();
        } catch (SourceException e) {
            depth = 0;
        }
        return new DrainRun(this, options, listener, stop, depth, clock).onLimitChange(limitChanges).execute();
    }
}
