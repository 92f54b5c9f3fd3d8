package dev.drainboard.pipeline;

import dev.drainboard.model.Batch;
import dev.drainboard.model.CommitResult;
import dev.drainboard.model.DrainStats;
import dev.drainboard.model.QueueMessage;
import dev.drainboard.sink.SinkException;
import dev.drainboard.source.SourceException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One execution of {@link Drainer#drainAll}: its workers, shared counters and budget. */
final class DrainRun {
    private static final Logger log = LoggerFactory.getLogger(DrainRun.class);
    private static final Duration MAX_RETRY = Duration.ofSeconds(8);
    /** In follow mode, the least time between two receives of one worker that both came back empty. */
    private static final Duration IDLE_PAUSE = Duration.ofMillis(500);
    /**
     * Commits (write, then delete) in flight per worker. More than one, so that a worker keeps its
     * receive in flight while its earlier batches are being written and deleted: across a network a
     * commit takes several round trips (database, then the delete) against one for a receive, and
     * with one commit per worker the receivers would wait on them. Bounds memory: at most
     * {@code workers * COMMITS_PER_WORKER} batches of 10 are held.
     */
    static final int COMMITS_PER_WORKER = 8;
    /** How often an adaptive drain measures its rate and moves its limit. */
    static final Duration ADAPT_WINDOW = Duration.ofMillis(250);
    /** Receivers an adaptive drain starts with. */
    static final int ADAPT_START = 4;

    private final Drainer drainer;
    private final DrainOptions options;
    private final ProgressListener listener;
    private final StopSignal stop;
    private final long depthAtStart;
    private final Clock clock;
    private final Instant started;
    private final AtomicLong budget;
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong released = new AtomicLong();
    private final AtomicLong noSentTimestamp = new AtomicLong();
    private final AtomicReference<CommitResult> totals = new AtomicReference<>(CommitResult.NONE);
    private final AtomicReference<RuntimeException> fatal = new AtomicReference<>();
    private final Semaphore inFlight;
    /** Commits handed out and not yet finished, and finished ones: a FIFO worker's empty receive reads them. */
    private final AtomicInteger commitsRunning = new AtomicInteger();
    private final AtomicLong commitsDone = new AtomicLong();
    private final Object commitEnded = new Object();
    /** The receivers allowed to run; fixed at {@code workers} unless the drain is adaptive. */
    private final AdaptiveLimit limit;
    private final Object turn = new Object();
    /** Set once a receive came back empty (not following): waiting receivers need not start. */
    private volatile boolean drained;
    /** Retries (outages) since the adaptive controller last looked: trouble for {@link AdaptiveLimit}. */
    private final AtomicLong trouble = new AtomicLong();
    private ExecutorService committers;
    private java.util.function.IntConsumer limitChanges = n -> { };

    DrainRun(Drainer drainer, DrainOptions options, ProgressListener listener, StopSignal stop, long depthAtStart,
             Clock clock) {
        this.drainer = drainer;
        this.options = options;
        this.listener = listener;
        this.stop = stop;
        this.depthAtStart = options.maxMessages() > 0 ? Math.min(depthAtStart, options.maxMessages()) : depthAtStart;
        this.clock = clock;
        this.started = clock.instant();
        this.budget = new AtomicLong(options.maxMessages() > 0 ? options.maxMessages() : Long.MAX_VALUE);
        this.inFlight = new Semaphore(options.workers() * COMMITS_PER_WORKER);
        this.limit = new AdaptiveLimit(options.adaptive() ? ADAPT_START : options.workers(), options.workers());
    }

    /** Tells {@code c} each new limit of an adaptive drain (on the controller thread). */
    DrainRun onLimitChange(java.util.function.IntConsumer c) {
        this.limitChanges = c;
        return this;
    }

    /** The receivers in use at the end (the adaptive limit's last value; {@code workers} otherwise). */
    int receivers() {
        return limit.limit();
    }

    /**
     * Runs the workers and waits for them. Each worker receives and prepares batches and hands each
     * to a committer thread, then receives the next while that commit (write, then delete) runs:
     * at most {@code workers * COMMITS_PER_WORKER} commits are in flight, which bounds memory and
     * keeps the receives going while commits wait on the database and the deletes. An adaptive
     * drain lets only the first {@link AdaptiveLimit#limit()} workers receive; a controller thread
     * moves that limit every {@link #ADAPT_WINDOW} by the rate of the window.
     */
    DrainStats execute() {
        ExecutorService pool = Executors.newFixedThreadPool(options.workers(), threads("drain-worker-"));
        committers = Executors.newFixedThreadPool(options.workers() * COMMITS_PER_WORKER, threads("drain-commit-"));
        java.util.concurrent.ScheduledExecutorService controller = options.adaptive()
                ? Executors.newSingleThreadScheduledExecutor(threads("drain-adapt-")) : null;
        List<Future<?>> futures = new ArrayList<>();
        try {
            if (controller != null) {
                long[] last = {received.get(), System.nanoTime()};
                long every = ADAPT_WINDOW.toMillis();
                controller.scheduleAtFixedRate(() -> adapt(last), every, every, TimeUnit.MILLISECONDS);
            }
            for (int i = 0; i < options.workers(); i++) {
                int index = i;
                futures.add(pool.submit(() -> work(index)));
            }
            for (Future<?> f : futures) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    fail(e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause()));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    stop.stop();
                }
            }
        } finally {
            if (controller != null) {
                controller.shutdownNow();
            }
            pool.shutdown();
            committers.shutdown();
            awaitCommitters();
        }
        DrainStats s = stats();
        listener.onProgress(s);
        RuntimeException f = fatal.get();
        if (f != null) {
            throw new DrainException("The drain stopped: " + f.getMessage(), f);
        }
        return s;
    }

    private static ThreadFactory threads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    private void awaitCommitters() {
        try {
            while (!committers.awaitTermination(1, TimeUnit.SECONDS)) {
                log.debug("waiting for commits in flight");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop.stop();
        }
    }

    /** Hands a prepared batch to a committer, waiting while {@code workers} commits are in flight. */
    private void commitAsync(Batch batch) {
        try {
            inFlight.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop.stop();
            releaseQuietly(batch);
            return;
        }
        commitsRunning.incrementAndGet();
        committers.execute(() -> {
            try {
                commitWithRetry(batch);
            } catch (RuntimeException e) {
                releaseQuietly(batch);
                fail(e);
            } finally {
                inFlight.release();
                synchronized (commitEnded) {
                    commitsDone.incrementAndGet();
                    commitsRunning.decrementAndGet();
                    commitEnded.notifyAll();
                }
            }
        });
    }

    DrainStats stats() {
        return new DrainStats(depthAtStart, received.get(), totals.get(), released.get(),
                Duration.between(started, clock.instant()), noSentTimestamp.get());
    }

    /** One controller step: the rate of the window that ended, then wake the receivers the new limit lets in. */
    private void adapt(long[] last) {
        long now = System.nanoTime();
        long got = received.get();
        double rate = (got - last[0]) / ((now - last[1]) / 1e9);
        last[0] = got;
        last[1] = now;
        int before = limit.limit();
        int after = limit.update(rate, trouble.getAndSet(0) > 0);
        if (after != before) {
            log.debug("adaptive drain: {} msg/s with {} receivers, now {}", Math.round(rate), before, after);
            synchronized (turn) {
                turn.notifyAll();
            }
            limitChanges.accept(after);
        }
    }

    /**
     * Waits while this worker's index is at or above the limit. Returns false when the worker
     * should end instead: the drain stopped or the budget is spent. Once a receive found the queue
     * empty the limit no longer holds anyone back: every worker ends on an empty receive of its own,
     * as without the adaptive limit, so a worker parked with the drain still under way (a FIFO
     * group held by a peer's commit, a short poll that came back empty) cannot end it early.
     */
    private boolean awaitTurn(int index) {
        while (index >= limit.limit()) {
            if (stop.isStopped() || budget.get() <= 0) {
                return false;
            }
            if (drained) {
                return true;
            }
            synchronized (turn) {
                try {
                    turn.wait(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        }
        return true;
    }

    private void fail(RuntimeException e) {
        if (fatal.compareAndSet(null, e)) {
            log.error("Drain failed: {}", e.getMessage());
        }
        stop.stop();
    }

    private void work(int index) {
        Backoff backoff = new Backoff(options.firstRetry(), MAX_RETRY);
        boolean sqsDown = false;
        while (!stop.isStopped()) {
            if (!awaitTurn(index)) {
                return;
            }
            int want = reserve();
            if (want == 0) {
                return;
            }
            List<QueueMessage> got;
            long doneBefore = commitsDone.get();
            boolean runningBefore = commitsRunning.get() > 0;
            Instant at = clock.instant();
            long t0 = System.nanoTime();
            try {
                got = drainer.receive(want, options.pollWait());
                backoff.reset();
            } catch (SourceException e) {
                budget.addAndGet(want);
                if (!e.isRetryable()) {
                    fail(e);
                    return;
                }
                if (!sqsDown) {
                    sqsDown = true;
                    listener.onOutage(ProgressListener.Server.SQS, true);
                }
                trouble.incrementAndGet();
                if (waitOut("SQS unreachable", e, backoff)) {
                    return;
                }
                continue;
            }
            Duration took = Duration.ofNanos(System.nanoTime() - t0);
            if (sqsDown) {
                sqsDown = false;
                listener.onOutage(ProgressListener.Server.SQS, false);
            }
            listener.onReceived(got.size(), took);
            budget.addAndGet(want - got.size());
            if (got.isEmpty()) {
                if (!options.follow() && drainer.withholdsGroups() && (runningBefore || commitsDone.get() != doneBefore)) {
                    // FIFO: SQS withholds a group while one of its messages is in flight, so an empty
                    // receive during a commit does not mean an empty queue; look again once it ended
                    awaitCommitEnd(doneBefore);
                    continue;
                }
                if (!options.follow()) {
                    drained = true;
                    return;
                }
                // following: an empty receive is normal; a short poll wait must not spin on the queue
                if (took.compareTo(IDLE_PAUSE) < 0 && stop.awaitStop(IDLE_PAUSE.minus(took).toMillis())) {
                    return;
                }
                continue;
            }
            received.addAndGet(got.size());
            countMissingSentTimestamps(got);
            Batch batch = drainer.prepare(got, at);
            if (stop.isStopped()) {
                releaseQuietly(batch);
                return;
            }
            commitAsync(batch);
        }
    }

    /** Waits until a commit has ended since {@code doneBefore} was read, or none is running, or a stop. */
    private void awaitCommitEnd(long doneBefore) {
        synchronized (commitEnded) {
            while (commitsDone.get() == doneBefore && commitsRunning.get() > 0 && !stop.isStopped()) {
                try {
                    commitEnded.wait(200);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    stop.stop();
                    return;
                }
            }
        }
    }

    /** Counts messages without {@code SentTimestamp}; the first one of the drain is said once. */
    private void countMissingSentTimestamps(List<QueueMessage> got) {
        long missing = got.stream().filter(QueueMessage::sentAtMissing).count();
        if (missing > 0 && noSentTimestamp.getAndAdd(missing) == 0) {
            String msg = "The SQS server gave no SentTimestamp for some messages: their create_date is the day "
                    + "they were received (counted in the summary)";
            log.warn(msg);
            listener.onStatus(msg);
        }
    }

    private int reserve() {
        while (true) {
            long left = budget.get();
            if (left <= 0) {
                return 0;
            }
            int take = (int) Math.min(10, left);
            if (budget.compareAndSet(left, left - take)) {
                return take;
            }
        }
    }

    /** Commits a batch, waiting out outages; on stop during an outage, releases it. */
    private void commitWithRetry(Batch batch) {
        Backoff backoff = new Backoff(options.firstRetry(), MAX_RETRY);
        Batch held = batch;
        boolean waited = false;
        Set<ProgressListener.Server> down = EnumSet.noneOf(ProgressListener.Server.class);
        while (true) {
            try {
                long t0 = System.nanoTime();
                CommitResult r = drainer.commit(held);
                Duration took = Duration.ofNanos(System.nanoTime() - t0);
                totals.accumulateAndGet(r, CommitResult::plus);
                listener.onCommitted(held.size(), took);
                listener.onBatch(held.size(), r);
                listener.onProgress(stats());
                for (ProgressListener.Server server : down) {
                    listener.onOutage(server, false);
                }
                if (waited) {
                    listener.onStatus("Connection back: the held batch was committed");
                }
                return;
            } catch (SinkException e) {
                if (!e.isRetryable()) {
                    releaseQuietly(held);
                    fail(e);
                    return;
                }
                if (down.add(ProgressListener.Server.POSTGRESQL)) {
                    listener.onOutage(ProgressListener.Server.POSTGRESQL, true);
                }
                if (waitOut("PostgreSQL unreachable", e, backoff)) {
                    releaseQuietly(held);
                    return;
                }
            } catch (SourceException e) {
                if (!e.isRetryable()) {
                    releaseQuietly(held);
                    fail(e);
                    return;
                }
                if (down.add(ProgressListener.Server.SQS)) {
                    listener.onOutage(ProgressListener.Server.SQS, true);
                }
                if (waitOut("SQS unreachable", e, backoff)) {
                    releaseQuietly(held);
                    return;
                }
            }
            waited = true;
            trouble.incrementAndGet();
            held = keepLease(held);
        }
    }

    private Batch keepLease(Batch held) {
        if (!LeasePolicy.dueForExtension(held, clock.instant(), drainer.visibilityTimeout(),
                MAX_RETRY.multipliedBy(2))) {
            return held;
        }
        try {
            return drainer.extendLease(held);
        } catch (SourceException e) {
            log.warn("Could not extend the lease of a held batch: {}", e.getMessage());
            return held;
        }
    }

    /**
     * Reports the outage and sleeps; returns true when the worker should give up its batch: a stop
     * came in meanwhile, or the outage has lasted longer than the drain is willing to wait (never
     * in follow mode: a service keeps trying and says so in its health).
     */
    private boolean waitOut(String what, RuntimeException cause, Backoff backoff) {
        if (!options.follow() && backoff.waitingFor().compareTo(options.giveUpAfter()) > 0) {
            fail(new DrainException(what + " for more than " + human(options.giveUpAfter()) + "; giving up. "
                    + "Nothing held was deleted; start the drain again when it is back. Cause: " + cause.getMessage(),
                    cause));
            return true;
        }
        Duration d = backoff.next();
        String msg = what + ", retrying in " + Math.max(1, Math.round(d.toMillis() / 1000.0)) + " s";
        log.warn("{}: {}", msg, cause.getMessage());
        listener.onStatus(msg);
        return stop.awaitStop(d.toMillis());
    }

    private static String human(Duration d) {
        return d.toMillis() < 1000 ? d.toMillis() + " ms" : d.toSeconds() + " s";
    }

    private void releaseQuietly(Batch batch) {
        try {
            drainer.release(batch);
            released.addAndGet(batch.size());
        } catch (SourceException e) {
            log.warn("Could not release {} messages; they return after their visibility timeout: {}", batch.size(),
                    e.getMessage());
        }
    }
}
