package dev.drainboard.sink;

import dev.drainboard.model.Batch;
import dev.drainboard.model.CommitResult;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit: concurrent {@link #write} calls are gathered into one transaction (up to
 * {@code maxGroup} batches) by a few writer threads, so that many workers share one round trip and
 * one fsync. Each call still returns only after the transaction holding its batch has committed,
 * so a batch is never deleted before it is durable. When the database refuses a group's data, every
 * batch of the group fails with that refusal (a {@link SinkException} that is not retryable); the
 * caller finds the faulty data with {@link #writeAlone}, which goes straight to the database. This
 * sink does no isolation of its own. Thread-safe.
 */
public final class GroupCommitSink implements LoginSink {
    private static final Logger log = LoggerFactory.getLogger(GroupCommitSink.class);

    private record Pending(Batch batch, CompletableFuture<CommitResult> result) {
    }

    private static final Pending STOP = new Pending(null, null);

    private final PostgresLoginSink delegate;
    private final int maxGroup;
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final List<Thread> writers = new ArrayList<>();
    private volatile boolean closed;

    public GroupCommitSink(PostgresLoginSink delegate, int writerThreads, int maxGroup) {
        this.delegate = delegate;
        this.maxGroup = maxGroup;
        for (int i = 0; i < writerThreads; i++) {
            Thread t = new Thread(this::writeLoop, "group-commit-" + (i + 1));
            t.setDaemon(true);
            t.start();
            writers.add(t);
        }
    }

    @Override
    public CommitResult write(Batch batch) {
        if (closed) {
            throw new SinkException("The database writer is closed", false, null);
        }
        Pending p = new Pending(batch, new CompletableFuture<>());
        queue.add(p);
        try {
            return p.result().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SinkException("Interrupted while waiting for the commit; it may or may not have happened "
                    + "(the ledger makes a retry safe)", true, e);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException re) {
                throw re;
            }
            throw new SinkException("The database writer failed: " + c, false, c);
        }
    }

    private void writeLoop() {
        List<Pending> group = new ArrayList<>(maxGroup);
        while (true) {
            group.clear();
            try {
                group.add(queue.take());
            } catch (InterruptedException e) {
                return;
            }
            queue.drainTo(group, maxGroup - 1);
            int stops = 0;
            for (int i = group.size() - 1; i >= 0; i--) {
                if (group.get(i) == STOP) {
                    group.remove(i);
                    stops++;
                }
            }
            if (!group.isEmpty()) {
                commit(group);
            }
            if (stops > 0) {
                for (int i = 1; i < stops; i++) {
                    queue.add(STOP);
                }
                return;
            }
        }
    }

    private void commit(List<Pending> group) {
        List<Batch> batches = new ArrayList<>(group.size());
        for (Pending p : group) {
            batches.add(p.batch());
        }
        try {
            List<CommitResult> results = delegate.writeAll(batches);
            for (int i = 0; i < group.size(); i++) {
                group.get(i).result().complete(results.get(i));
            }
            return;
        } catch (RuntimeException e) {
            if (group.size() > 1 && e instanceof SinkException se && !se.isRetryable() && se.isDataRefused()) {
                log.warn("A group of {} batches was refused; each is written again alone", group.size());
            }
            for (Pending p : group) {
                p.result().completeExceptionally(e);
            }
        }
    }

    /** Writes {@code batch} in its own transaction on the caller's thread, outside the groups. */
    @Override
    public CommitResult writeAlone(Batch batch) {
        if (closed) {
            throw new SinkException("The database writer is closed", false, null);
        }
        return delegate.write(batch);
    }

    @Override
    public String markReplayed(String messageId) {
        return delegate.markReplayed(messageId);
    }

    @Override
    public void replayNotFound(String messageId, String previous) {
        delegate.replayNotFound(messageId, previous);
    }

    @Override
    public String describe() {
        return delegate.describe();
    }

    /** Finishes the queued writes and stops the writer threads; the wrapped sink stays open (its owner closes it). */
    @Override
    public void close() {
        closed = true;
        for (int i = 0; i < writers.size(); i++) {
            queue.add(STOP);
        }
        for (Thread t : writers) {
            try {
                t.join(30_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        for (Pending p = queue.poll(); p != null; p = queue.poll()) {
            if (p != STOP) {
                p.result().completeExceptionally(new SinkException("The database writer was closed before this "
                        + "batch was written; nothing of it was committed", true, null));
            }
        }
    }
}
