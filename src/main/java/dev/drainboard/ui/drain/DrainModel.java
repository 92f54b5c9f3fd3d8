package dev.drainboard.ui.drain;

import dev.drainboard.app.Operations;
import dev.drainboard.model.CommitResult;
import dev.drainboard.model.DrainStats;
import dev.drainboard.pipeline.DrainOptions;
import dev.drainboard.pipeline.ProgressListener;
import dev.drainboard.pipeline.ProgressThrottle;
import dev.drainboard.pipeline.StopSignal;
import dev.drainboard.ui.common.ConsoleState;
import dev.drainboard.ui.common.Session;
import dev.drainboard.ui.preview.PreviewModel;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleIntegerProperty;

/**
 * Full drains: everything, or the next N messages, with progress, throughput and ETA. Progress
 * callbacks arrive on drain worker threads; only the newest value is handed to the UI thread.
 */
public final class DrainModel {
    private final Session session;
    private final IntegerProperty drainCount = new SimpleIntegerProperty(1000);
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(0);
    private final ReadOnlyDoubleWrapper batchProgress = new ReadOnlyDoubleWrapper(0);
    private final ReadOnlyStringWrapper progressText = new ReadOnlyStringWrapper("No drain has run yet.");
    private final ReadOnlyStringWrapper batchText = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper rate = new ReadOnlyStringWrapper("–");
    private final ReadOnlyStringWrapper eta = new ReadOnlyStringWrapper("–");
    private final ReadOnlyStringWrapper counts = new ReadOnlyStringWrapper("–");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<DrainStats> stats = new ReadOnlyObjectWrapper<>();
    private volatile StopSignal stop = new StopSignal();
    private volatile CountDownLatch ended = new CountDownLatch(0);

    public DrainModel(Session session) {
        this.session = session;
    }

    /** Drains until the queue is empty. */
    public void drainAll() {
        start(0);
    }

    /** Drains the next {@link #drainCountProperty()} messages at most. */
    public void drainN() {
        start(Math.max(1, drainCount.get()));
    }

    /** Finishes the commit in flight and releases the rest; the drain then ends by itself. */
    public void stop() {
        if (session.state() == ConsoleState.DRAINING) {
            session.setState(ConsoleState.STOPPING);
            status.set("Stopping: finishing the commit in flight, releasing the rest…");
            stop.stop();
        }
    }

    private void start(long max) {
        if (session.state() != ConsoleState.IDLE) {
            return;
        }
        Operations ops = session.operations();
        StopSignal signal = new StopSignal();
        CountDownLatch done = new CountDownLatch(1);
        stop = signal;
        ended = done;
        progress.set(0);
        batchProgress.set(0);
        status.set("");
        progressText.set("Starting…");
        stats.set(null);
        session.setState(ConsoleState.DRAINING);
        session.log().add(max == 0 ? "Drain all started" : "Drain of up to " + max + " messages started");
        Listener listener = new Listener();
        // the same long-poll wait as the CLI's drain (--wait-seconds): a drain ends after one empty poll
        DrainOptions options = new DrainOptions(ops.about().workers(), max, ops.about().pollWait());
        session.tasks().run("drain", () -> {
            try {
                return ops.drain(options, ProgressThrottle.atMostEvery(UPDATE_INTERVAL, listener), signal);
            } finally {
                done.countDown();
            }
        }, s -> {
            show(s);
            progress.set(signal.isStopped() ? progress.get() : 1.0);
            String what = signal.isStopped() ? "Drain stopped" : "Drain finished";
            progressText.set(what + ": " + s.done() + " messages in " + seconds(s.elapsed()));
            session.log().add(what + ": " + countsOf(s) + ", " + s.released() + " released back to the queue");
            finish();
        }, e -> {
            session.problem("finish the drain", e);
            progressText.set("Drain ended with a problem; see the banner");
            finish();
        });
    }

    private void finish() {
        status.set("");
        session.setState(ConsoleState.IDLE);
        session.storedChanged();
    }

    /** At most ten display updates a second (see {@link ProgressThrottle}). */
    private static final Duration UPDATE_INTERVAL = Duration.ofMillis(100);

    private record LastBatch(int size, CommitResult result) {
    }

    /**
     * Forwards the throttled worker-thread callbacks to the UI thread, coalescing to the newest
     * value, so at most one update of each kind is ever pending there.
     */
    private final class Listener implements ProgressListener {
        private final AtomicReference<DrainStats> latest = new AtomicReference<>();
        private final AtomicBoolean scheduled = new AtomicBoolean();
        private final AtomicReference<LastBatch> latestBatch = new AtomicReference<>();
        private final AtomicBoolean batchScheduled = new AtomicBoolean();

        @Override
        public void onProgress(DrainStats stats) {
            latest.set(stats);
            if (scheduled.compareAndSet(false, true)) {
                session.tasks().onUi(() -> {
                    scheduled.set(false);
                    show(latest.get());
                });
            }
        }

        @Override
        public void onBatch(int batchSize, CommitResult result) {
            latestBatch.set(new LastBatch(batchSize, result));
            if (batchScheduled.compareAndSet(false, true)) {
                session.tasks().onUi(() -> {
                    batchScheduled.set(false);
                    LastBatch b = latestBatch.get();
                    int done = b.result().written() + b.result().rejected() + b.result().duplicates();
                    batchProgress.set(b.size() == 0 ? 0 : (double) done / b.size());
                    batchText.set("Last batch: " + done + " of " + b.size() + " committed, "
                            + b.result().deleted() + " deleted");
                });
            }
        }

        @Override
        public void onStatus(String message) {
            session.tasks().onUi(() -> {
                status.set(message);
                session.log().add("Drain: " + message);
            });
        }
    }

    public void show(DrainStats s) {
        if (s == null) {
            return;
        }
        stats.set(s);
        long total = Math.max(s.depthAtStart(), s.done());
        progress.set(total == 0 ? 1.0 : (double) s.done() / total);
        progressText.set(s.done() + " of " + total + " done (depth at start " + s.depthAtStart() + ")");
        double perSecond = s.messagesPerSecond();
        rate.set(String.format(Locale.ROOT, "%,.0f msg/s", perSecond));
        long left = total - s.done();
        eta.set(left <= 0 ? "0 s" : perSecond <= 0 ? "–" : seconds(Duration.ofMillis((long) (left / perSecond * 1000))));
        counts.set(countsOf(s));
    }

    private static String countsOf(DrainStats s) {
        CommitResult t = s.totals();
        return t.written() + " written · " + t.rejected() + " rejected · " + t.duplicates() + " duplicates skipped";
    }

    private static String seconds(Duration d) {
        long ms = d.toMillis();
        return ms < 10_000 ? String.format(Locale.ROOT, "%.1f s", ms / 1000.0) : (ms / 1000) + " s";
    }

    /** Stops a running drain and waits up to {@code wait} for it to end. Blocking; for closing. */
    public void stopAndWait(Duration wait) {
        stop.stop();
        try {
            ended.await(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public BooleanBinding canDrain() {
        return session.stateProperty().isEqualTo(ConsoleState.IDLE);
    }

    public BooleanBinding canStop() {
        return session.stateProperty().isEqualTo(ConsoleState.DRAINING);
    }

    public BooleanBinding running() {
        return session.stateProperty().isEqualTo(ConsoleState.DRAINING)
                .or(session.stateProperty().isEqualTo(ConsoleState.STOPPING));
    }

    public IntegerProperty drainCountProperty() {
        return drainCount;
    }

    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    public ReadOnlyDoubleProperty batchProgressProperty() {
        return batchProgress.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty progressTextProperty() {
        return progressText.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty batchTextProperty() {
        return batchText.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty rateProperty() {
        return rate.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty etaProperty() {
        return eta.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty countsProperty() {
        return counts.getReadOnlyProperty();
    }

    /**
     * The newest totals of the running (or last) drain, on the UI thread, as the progress bars get
     * them; null from the start of a drain until its first commit. The demo strip follows it.
     */
    public ReadOnlyObjectProperty<DrainStats> statsProperty() {
        return stats.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }
}
