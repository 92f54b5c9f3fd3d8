package dev.drainboard.bench;

import dev.drainboard.app.Workspace;
import dev.drainboard.config.ConfigKey;
import dev.drainboard.config.ConfigLoader;
import dev.drainboard.model.StoredCounts;
import dev.drainboard.sink.Warehouse;
import dev.drainboard.ui.common.ConsoleState;
import dev.drainboard.ui.common.FxTasks;
import dev.drainboard.ui.connection.ConnectionModel;
import dev.drainboard.ui.shell.ConsoleModel;
import dev.drainboard.ui.shell.ConsoleWindow;
import java.time.Clock;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.beans.value.ChangeListener;
import javafx.stage.Stage;

/**
 * Measures how smooth the console stays while it drains at full speed, in the real window with its
 * live panels running: a pulse listener records the time between consecutive JavaFX pulses during
 * a Drain all (the progress display changes all the time, so the FX thread pulses continuously
 * unless it is blocked), and a probe posts a task to the FX thread every 20 ms and records how
 * late it runs. The stack is the console's embedded default, or a standalone ElasticMQ. Afterwards
 * the same number of messages is drained the way {@code drainboard drain} does it (adaptive
 * receivers, no window work) on the same stack, for the console-to-CLI ratio; that drain runs in
 * the same, by then warmer, JVM, so the ratio errs against the console. Needs a display (run under
 * {@code xvfb-run} on a server).
 */
public final class PulseBench {
    /** What one run measured; the field names are the JSON keys. */
    public record Result(long messages, int workers, double drain_msgs_per_s, double fx_max_pulse_gap_ms,
                         double fx_p99_pulse_gap_ms, long pulses, double fx_max_event_delay_ms,
                         double fx_thread_busy_share, double render_thread_busy_share, long rows, long rejections,
                         boolean verified, double fx_p99_event_delay_ms, double gc_max_pause_ms,
                         double gc_pause_total_ms, double jit_compile_ms, java.util.List<Gap> longest_gaps,
                         double cli_msgs_per_s, double console_to_cli) {
    }

    /**
     * One of the longest pulse gaps: when it ended (seconds after the drain started), how long it
     * was, and how much of it the console JVM spent in stop-the-world GC pauses.
     */
    public record Gap(double at_s, double ms, double gc_ms) {
    }

    private static final int MAX_FRAMES = 1 << 20;
    /** How many of the longest pulse gaps the result lists. */
    private static final int GAPS_LISTED = 5;

    private PulseBench() {
    }

    /**
     * Seeds {@code messages} into a fresh workspace on the embedded default (ElasticMQ in this JVM,
     * its store and the rows in the embedded PostgreSQL: what the console runs out of the box),
     * drains them from the console, and measures.
     */
    public static Result run(Map<ConfigKey, String> flags, long messages, Consumer<String> log) throws Exception {
        return measure(flags, messages, log);
    }

    /**
     * The same, with the queue in a standalone ElasticMQ in its own JVM (as a queue server of your
     * own would be: not started by the console, so at its own priority): the drain is then fast
     * enough to keep both cores busy.
     */
    public static Result runWithStandaloneQueue(Map<ConfigKey, String> flags, long messages, Consumer<String> log)
            throws Exception {
        log.accept("Starting ElasticMQ in its own JVM...");
        try (SqsServerProcess sqs = SqsServerProcess.start(SqsServerProcess.heapMbFor(messages))) {
            Map<ConfigKey, String> withSqs = new java.util.EnumMap<>(flags);
            withSqs.put(ConfigKey.SQS_ENDPOINT, sqs.endpoint().toString());
            return measure(withSqs, messages, log);
        }
    }

    private static Result measure(Map<ConfigKey, String> flags, long messages, Consumer<String> log)
            throws Exception {
        CountDownLatch fxUp = new CountDownLatch(1);
        Platform.startup(fxUp::countDown);
        fxUp.await();
        AtomicReference<Workspace> ws = new AtomicReference<>();
        AtomicReference<Stage> stageRef = new AtomicReference<>();
        ConsoleModel model = new ConsoleModel(new FxTasks(), Clock.systemUTC());
        CountDownLatch ready = new CountDownLatch(1);
        Platform.runLater(() -> {
            Stage stage = new Stage();
            stageRef.set(stage);
            stage.setScene(ConsoleWindow.create(model, new ConnectionModel(new FxTasks(), flags,
                    ConnectionModel.Checker.real()), 1400, 900));
            stage.show();
            model.stateProperty().addListener((o, was, now) -> {
                if (now == ConsoleState.IDLE) {
                    ready.countDown();
                }
            });
            model.start(status -> {
                Workspace w = Workspace.open(ConfigLoader.load(flags), status::accept);
                ws.set(w);
                return w.operations();
            });
        });
        try {
            return measureOpen(model, ws, stageRef, ready, messages, log);
        } finally {
            // also after a failure: the console's close stops the embedded servers before the bench deletes their folder
            try {
                model.closing();
                model.close();
            } finally {
                Platform.exit();
            }
        }
    }

    private static Result measureOpen(ConsoleModel model, AtomicReference<Workspace> ws, AtomicReference<Stage> stageRef,
                                      CountDownLatch ready, long messages, Consumer<String> log) throws Exception {
        if (!ready.await(120, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the console did not become ready within 120 s");
        }
        log.accept("Seeding " + messages + " messages...");
        Seeder.send(ws.get().source(), messages, 5);
        long total = ws.get().source().depth().available();

        long[] gaps = new long[MAX_FRAMES];
        long[] gapEnds = new long[MAX_FRAMES];
        int[] frames = {0};
        long[] last = {0};
        boolean[] recording = {false};
        Runnable pulse = () -> {
            long now = System.nanoTime();
            if (recording[0] && last[0] != 0 && frames[0] < MAX_FRAMES) {
                gapEnds[frames[0]] = now;
                gaps[frames[0]++] = now - last[0];
            }
            last[0] = now;
        };
        AtomicLong maxDelay = new AtomicLong();
        long[] delays = new long[MAX_FRAMES];
        int[] delayCount = {0};
        // The probe is the measuring instrument, not console work, so it is a bare thread rather than
        // something run through FxTasks (which would put it in the queue it is measuring).
        Thread probe = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                long posted = System.nanoTime();
                Platform.runLater(() -> {
                    long d = System.nanoTime() - posted;
                    maxDelay.accumulateAndGet(d, Math::max);
                    if (recording[0] && delayCount[0] < MAX_FRAMES) {
                        delays[delayCount[0]++] = d;
                    }
                });
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "fx-latency-probe");
        probe.setDaemon(true);
        GcPauses gc = new GcPauses();
        java.lang.management.CompilationMXBean jit = java.lang.management.ManagementFactory.getCompilationMXBean();
        long[] jitMs = new long[2];
        CountDownLatch drained = new CountDownLatch(1);
        long[] startEnd = new long[2];
        // CPU time of the FX thread over the drain: a busy FX thread is work the console could shed; a
        // long event delay with an idle FX thread is a thread waiting for a core.
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long[] fxCpu = new long[2];
        long[] renderCpu = new long[2];
        Platform.runLater(() -> {
            ChangeListener<ConsoleState> done = (o, was, now) -> {
                boolean wasDraining = was == ConsoleState.DRAINING || was == ConsoleState.STOPPING;
                if (wasDraining && now != ConsoleState.DRAINING && now != ConsoleState.STOPPING) {
                    startEnd[1] = System.nanoTime();
                    jitMs[1] = jit.getTotalCompilationTime();
                    fxCpu[1] = threads.getCurrentThreadCpuTime();
                    renderCpu[1] = renderThreadCpu(threads);
                    recording[0] = false;
                    drained.countDown();
                }
            };
            // the state property itself: a derived binding would be held only weakly and could be collected
            model.stateProperty().addListener(done);
            stageRef.get().getScene().addPostLayoutPulseListener(pulse);
            recording[0] = true;
            probe.start();
            startEnd[0] = System.nanoTime();
            jitMs[0] = jit.getTotalCompilationTime();
            gc.start();
            fxCpu[0] = threads.getCurrentThreadCpuTime();
            renderCpu[0] = renderThreadCpu(threads);
            log.accept("Draining " + total + " messages from the console...");
            model.drain().drainAll();
        });
        if (!drained.await(30, TimeUnit.MINUTES)) {
            throw new IllegalStateException("the drain did not finish within 30 minutes");
        }
        probe.interrupt();
        gc.stop();
        StoredCounts counts = new Warehouse(ws.get().sink().dataSource()).counts();
        boolean verified = counts.rows() + counts.rejections() == total && ws.get().source().depth().total() == 0;
        long[] sorted = Arrays.copyOf(gaps, frames[0]);
        Arrays.sort(sorted);
        long[] sortedDelays = Arrays.copyOf(delays, delayCount[0]);
        Arrays.sort(sortedDelays);
        java.util.List<Gap> longest = longestGaps(gaps, gapEnds, frames[0], startEnd[0], gc);
        double seconds = (startEnd[1] - startEnd[0]) / 1e9;
        double consoleRate = total / seconds;
        // the same drain without the window, as `drainboard drain` runs it (adaptive receivers), on the same
        // stack: the window hidden first, so it draws nothing meanwhile (the queue panel still polls once a second)
        CountDownLatch hidden = new CountDownLatch(1);
        Platform.runLater(() -> {
            stageRef.get().hide();
            hidden.countDown();
        });
        hidden.await(30, TimeUnit.SECONDS);
        log.accept("Seeding " + total + " messages for the same drain without the window...");
        Seeder.send(ws.get().source(), total, 5);
        long cliTotal = ws.get().source().depth().available();
        log.accept("Draining " + cliTotal + " messages as `drainboard drain` does...");
        AtomicReference<dev.drainboard.model.DrainStats> cliStats = new AtomicReference<>();
        AtomicReference<RuntimeException> cliFailed = new AtomicReference<>();
        Thread cliDrain = new Thread(() -> {
            try {
                cliStats.set(ws.get().operations().drain(new dev.drainboard.pipeline.DrainOptions(
                        dev.drainboard.pipeline.DrainOptions.ADAPTIVE_MAX_WORKERS, 0,
                        java.time.Duration.ZERO).adaptiveUpTo(), dev.drainboard.pipeline.ProgressListener.NONE,
                        new dev.drainboard.pipeline.StopSignal()));
            } catch (RuntimeException e) {
                cliFailed.set(e);
            }
        }, "cli-style-drain");
        cliDrain.start();
        cliDrain.join();
        if (cliFailed.get() != null) {
            throw cliFailed.get();
        }
        dev.drainboard.model.DrainStats cli = cliStats.get();
        double cliRate = cli.done() / (cli.elapsed().toNanos() / 1e9);
        StoredCounts after = new Warehouse(ws.get().sink().dataSource()).counts();
        verified &= after.rows() + after.rejections() == total + cliTotal && ws.get().source().depth().total() == 0;
        Result r = new Result(total, ws.get().config().workers(), round(consoleRate),
                sorted.length == 0 ? 0 : round(sorted[sorted.length - 1] / 1e6),
                sorted.length == 0 ? 0 : round(sorted[(int) Math.min(sorted.length - 1, sorted.length * 0.99)] / 1e6),
                sorted.length, round(maxDelay.get() / 1e6),
                share(fxCpu[1] - fxCpu[0], startEnd[1] - startEnd[0]),
                share(renderCpu[1] - renderCpu[0], startEnd[1] - startEnd[0]), counts.rows(),
                counts.rejections(), verified, percentileMs(sortedDelays, 0.99), round(gc.maxMs()),
                round(gc.totalMs()), jitMs[1] - jitMs[0], longest, round(cliRate), round(consoleRate / cliRate));
        return r;
    }

    private static double percentileMs(long[] sorted, double p) {
        return sorted.length == 0 ? 0 : round(sorted[(int) Math.min(sorted.length - 1, sorted.length * p)] / 1e6);
    }

    /** The {@link #GAPS_LISTED} longest gaps, longest first, each with the GC pause time inside it. */
    private static java.util.List<Gap> longestGaps(long[] gaps, long[] ends, int n, long start, GcPauses gc) {
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Long.compare(gaps[b], gaps[a]));
        java.util.List<Gap> out = new java.util.ArrayList<>();
        for (int k = 0; k < Math.min(GAPS_LISTED, n); k++) {
            int i = order[k];
            out.add(new Gap(round((ends[i] - start) / 1e9), round(gaps[i] / 1e6),
                    round(gc.pausedWithin(ends[i] - gaps[i], ends[i]) / 1e6)));
        }
        return out;
    }

    /**
     * Stop-the-world GC pauses of this JVM while recording, from the collectors' notifications
     * (each with its end on the {@link System#nanoTime} clock and its duration).
     */
    private static final class GcPauses implements javax.management.NotificationListener {
        private final java.util.List<long[]> pauses = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        private final java.util.List<javax.management.NotificationEmitter> emitters = new java.util.ArrayList<>();
        private final long jvmStartNanos = System.nanoTime()
                - java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime() * 1_000_000L;

        void start() {
            for (java.lang.management.GarbageCollectorMXBean b : java.lang.management.ManagementFactory
                    .getGarbageCollectorMXBeans()) {
                if (b instanceof javax.management.NotificationEmitter e) {
                    e.addNotificationListener(this, null, null);
                    emitters.add(e);
                }
            }
        }

        void stop() {
            for (javax.management.NotificationEmitter e : emitters) {
                try {
                    e.removeNotificationListener(this);
                } catch (javax.management.ListenerNotFoundException ignored) {
                    // never added
                }
            }
        }

        @Override
        public void handleNotification(javax.management.Notification n, Object handback) {
            if (!com.sun.management.GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) {
                return;
            }
            com.sun.management.GarbageCollectionNotificationInfo info = com.sun.management.GarbageCollectionNotificationInfo
                    .from((javax.management.openmbean.CompositeData) n.getUserData());
            // concurrent cycles (G1's marking) are not pauses of the application
            if (info.getGcAction().contains("end of") && !info.getGcName().contains("Concurrent")) {
                // the pause's own end (ms since the JVM started) on the nanoTime clock, not the notification's
                // arrival, which can come later
                long end = jvmStartNanos + info.getGcInfo().getEndTime() * 1_000_000L;
                pauses.add(new long[]{end, info.getGcInfo().getDuration() * 1_000_000L});
            }
        }

        double maxMs() {
            synchronized (pauses) {
                return pauses.stream().mapToLong(p -> p[1]).max().orElse(0) / 1e6;
            }
        }

        double totalMs() {
            synchronized (pauses) {
                return pauses.stream().mapToLong(p -> p[1]).sum() / 1e6;
            }
        }

        /** Pause time (ns) that fell between {@code from} and {@code to} (to the millisecond the collector reports). */
        long pausedWithin(long from, long to) {
            long sum = 0;
            synchronized (pauses) {
                for (long[] p : pauses) {
                    long end = p[0];
                    long begin = end - p[1];
                    sum += Math.max(0, Math.min(end, to) - Math.max(begin, from));
                }
            }
            return sum;
        }
    }

    /** CPU time of JavaFX's render thread (Prism draws each frame there, after the FX thread's pulse). */
    private static long renderThreadCpu(java.lang.management.ThreadMXBean threads) {
        long sum = 0;
        for (java.lang.management.ThreadInfo t : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (t != null && t.getThreadName().startsWith("QuantumRenderer")) {
                sum += Math.max(0, threads.getThreadCpuTime(t.getThreadId()));
            }
        }
        return sum;
    }

    /** part / whole to four decimals, so a thread busy 0.3 % of the time does not read as idle. */
    private static double share(long part, long whole) {
        return Math.round((double) part / whole * 10_000) / 10_000.0;
    }

    private static double round(double d) {
        return Math.round(d * 100) / 100.0;
    }
}
