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
 * late it runs. The queue is a standalone ElasticMQ in its own JVM, as in the CLI benchmark. Needs
 * a display (run under {@code xvfb-run} on a server).
 */
public final class PulseBench {
    /** What one run measured; the field names are the JSON keys. */
    public record Result(long messages, int workers, double drain_msgs_per_s, double fx_max_pulse_gap_ms,
                         double fx_p99_pulse_gap_ms, long pulses, double fx_max_event_delay_ms,
                         double fx_thread_busy_share, double render_thread_busy_share, long rows, long rejections, boolean verified) {
    }

    private static final int MAX_FRAMES = 1 << 20;

    private PulseBench() {
    }

    /** Seeds {@code messages} into a fresh embedded workspace, drains them from the console, and measures. */
    public static Result run(Map<ConfigKey, String> flags, long messages, Consumer<String> log) throws Exception {
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
        if (!ready.await(120, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the console did not become ready within 120 s");
        }
        log.accept("Seeding " + messages + " messages...");
        Seeder.send(ws.get().source(), messages, 5);
        long total = ws.get().source().depth().available();

        long[] gaps = new long[MAX_FRAMES];
        int[] frames = {0};
        long[] last = {0};
        boolean[] recording = {false};
        Runnable pulse = () -> {
            long now = System.nanoTime();
            if (recording[0] && last[0] != 0 && frames[0] < MAX_FRAMES) {
                gaps[frames[0]++] = now - last[0];
            }
            last[0] = now;
        };
        AtomicLong maxDelay = new AtomicLong();
        // The probe is the measuring instrument, not console work, so it is a bare thread rather than
        // something run through FxTasks (which would put it in the queue it is measuring).
        Thread probe = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                long posted = System.nanoTime();
                Platform.runLater(() -> maxDelay.accumulateAndGet(System.nanoTime() - posted, Math::max));
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "fx-latency-probe");
        probe.setDaemon(true);
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
            fxCpu[0] = threads.getCurrentThreadCpuTime();
            renderCpu[0] = renderThreadCpu(threads);
            log.accept("Draining " + total + " messages from the console...");
            model.drain().drainAll();
        });
        if (!drained.await(30, TimeUnit.MINUTES)) {
            throw new IllegalStateException("the drain did not finish within 30 minutes");
        }
        probe.interrupt();
        StoredCounts counts = new Warehouse(ws.get().sink().dataSource()).counts();
        boolean verified = counts.rows() + counts.rejections() == total && ws.get().source().depth().total() == 0;
        long[] sorted = Arrays.copyOf(gaps, frames[0]);
        Arrays.sort(sorted);
        double seconds = (startEnd[1] - startEnd[0]) / 1e9;
        Result r = new Result(total, ws.get().config().workers(), round(total / seconds),
                sorted.length == 0 ? 0 : round(sorted[sorted.length - 1] / 1e6),
                sorted.length == 0 ? 0 : round(sorted[(int) Math.min(sorted.length - 1, sorted.length * 0.99)] / 1e6),
                sorted.length, round(maxDelay.get() / 1e6),
                share(fxCpu[1] - fxCpu[0], startEnd[1] - startEnd[0]),
                share(renderCpu[1] - renderCpu[0], startEnd[1] - startEnd[0]), counts.rows(),
                counts.rejections(), verified);
        model.closing();
        model.close();
        Platform.exit();
        return r;
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
