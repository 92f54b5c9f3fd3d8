package dev.drainboard.cli;

import dev.drainboard.app.Failures;
import dev.drainboard.app.Workspace;
import dev.drainboard.config.AppConfig;
import dev.drainboard.model.CommitResult;
import dev.drainboard.model.DrainStats;
import dev.drainboard.pipeline.DrainOptions;
import dev.drainboard.pipeline.ProgressListener;
import dev.drainboard.pipeline.StopSignal;
import dev.drainboard.service.HealthMonitor;
import dev.drainboard.service.ServiceHttp;
import dev.drainboard.service.ServiceMetrics;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;
import net.logstash.logback.argument.StructuredArguments;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code drain} as a service: optionally following the queue, with health and metrics on a port,
 * statuses as text on stderr or as JSON log events, and a graceful stop on SIGTERM/SIGINT. The
 * health and metrics port answers from before the workspace opens (not ready while it starts), so
 * a follower that waits for its servers at start can be seen waiting. Owned by one command run:
 * {@link #open}, then {@link #run}, then {@link #close}.
 */
final class ServiceDrain implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ServiceDrain.class);
    /** In follow mode, progress is reported at most this often, and only when something was done. */
    private static final long PROGRESS_EVERY_NANOS = 10_000_000_000L;
    /** Waits between attempts to open the workspace while a server does not answer: 0.5 s doubling to 8 s. */
    private static final long FIRST_WAIT_MS = 500;
    private static final long MAX_WAIT_MS = 8_000;
    private static final HealthMonitor.Check NOT_CHECKED = new HealthMonitor.Check(false, "not checked yet");

    private final ServiceOptions o;
    private final long max;
    private final Consumer<String> say;
    private final ServiceMetrics metrics;
    private final ServiceHttp http;
    /** What /health/ready answers: the start's state until the workspace is open, then the monitor's. */
    private volatile Supplier<HealthMonitor.Status> readiness;
    private volatile HealthMonitor monitor;
    private final StopSignal stop = new StopSignal();
    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private boolean signalsTaken;

    ServiceDrain(ServiceOptions o, long max, PrintWriter err) throws IOException {
        this.o = o;
        this.max = max;
        this.say = sayer(o, err);
        this.metrics = new ServiceMetrics(version());
        HealthMonitor.Status starting = new HealthMonitor.Status(NOT_CHECKED, NOT_CHECKED, Instant.now(), false);
        this.readiness = () -> starting;
        try {
            this.http = o.metricsPort == null ? null
                    : ServiceHttp.start(o.metricsHost, o.metricsPort, metrics, () -> readiness.get());
        } catch (IOException | RuntimeException e) {
            metrics.close();
            throw e;
        }
        if (http != null) {
            say.accept("Health and metrics on " + http.uri() + " (/health/live, /health/ready, /metrics)");
        }
    }

    /** Text mode prints a status on stderr; JSON mode logs it at INFO. */
    static Consumer<String> sayer(ServiceOptions o, PrintWriter err) {
        if (o.json()) {
            return s -> log.info(s);
        }
        return s -> err.println("  " + s);
    }

    /**
     * Opens the workspace. With {@code --follow}, a queue or database that does not answer at the
     * start ({@link Failures#isOutage}) is waited out as the drain waits out an outage later: the
     * service says why it is not ready (also on /health/ready), tries again after 0.5 s, 1 s, …
     * up to 8 s between attempts, and goes on once both answer. Returns null when SIGTERM or Ctrl-C
     * came while it waited; anything that is not an outage (a refused login, a bad schema, a
     * setting) still fails at once.
     */
    Workspace open(AppConfig config, Consumer<String> status) {
        long waitMs = FIRST_WAIT_MS;
        while (true) {
            try {
                Workspace ws = Workspace.open(config, status);
                metrics.onOutage(ProgressListener.Server.SQS, false);
                metrics.onOutage(ProgressListener.Server.POSTGRESQL, false);
                return ws;
            } catch (RuntimeException e) {
                if (!o.follow || !Failures.isOutage(e)) {
                    throw e;
                }
                if (stop.isStopped()) {
                    return null; // a signal came during this attempt
                }
                boolean queue = Failures.of(e) == Failures.QUEUE;
                HealthMonitor.Check down = new HealthMonitor.Check(false, "unreachable at start ("
                        + e.getClass().getSimpleName() + ")");
                // the queue is opened before the database: when the database failed, the queue answered
                readiness = constant(new HealthMonitor.Status(queue ? down : new HealthMonitor.Check(true, null),
                        queue ? NOT_CHECKED : down, Instant.now(), false));
                metrics.onOutage(ProgressListener.Server.SQS, queue);
                metrics.onOutage(ProgressListener.Server.POSTGRESQL, !queue);
                takeSignals();
                say.accept(Main.oneLine(e) + " Not ready; trying again in " + seconds(waitMs)
                        + " s (SIGTERM or Ctrl-C stops)");
                try {
                    if (stopRequested.await(waitMs, TimeUnit.MILLISECONDS)) {
                        return null;
                    }
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return null;
                }
                waitMs = Math.min(MAX_WAIT_MS, waitMs * 2);
            }
        }
    }

    private static Supplier<HealthMonitor.Status> constant(HealthMonitor.Status s) {
        return () -> s;
    }

    private static String seconds(long ms) {
        return ms % 1000 == 0 ? Long.toString(ms / 1000) : String.format(Locale.ROOT, "%.1f", ms / 1000.0);
    }

    /** SIGTERM / SIGINT stop the service (its wait at the start, then its drain) instead of the JVM. */
    private void takeSignals() {
        if (!signalsTaken) {
            signalsTaken = true;
            StopOnSignal.install(this::stopping, Duration.ofSeconds(o.shutdownTimeoutSeconds), say);
        }
    }

    private void stopping() {
        HealthMonitor m = monitor;
        if (m != null) {
            m.stopping();
        }
        stop.stop();
        stopRequested.countDown();
    }

    /** After {@link #open} returned null: nothing was opened, nothing drained. */
    int stoppedWhileWaiting(PrintWriter out) {
        say.accept("Stopped while waiting for the servers; nothing was drained");
        return 0;
    }

    int run(Workspace ws, PrintWriter out) throws IOException {
        try (HealthMonitor health = HealthMonitor.of(ws, metrics, Clock.systemUTC())) {
            metrics.bindPool(ws);
            metrics.maskKey(ws.key().fingerprint());
            monitor = health;
            health.start(Duration.ofSeconds(Math.max(1, o.healthIntervalSeconds)));
            readiness = health::status;
            if (stop.isStopped()) {
                health.stopping();
            }
            say.accept("Mask key fingerprint " + ws.key().fingerprint() + " (from " + ws.key().source()
                    + "); every replica must show the same");
            // if a signal cannot be taken over, the workspace's shutdown hook still stops the drain first
            ws.onShutdown(this::stopping);
            StopOnSignal.install(this::stopping, Duration.ofSeconds(o.shutdownTimeoutSeconds), say);
            signalsTaken = true;
            DrainOptions options = new DrainOptions(ws.config().workers(), Math.max(0, max),
                    Duration.ofSeconds(ws.config().waitSeconds()));
            if (o.follow) {
                options = options.following();
                say.accept("Following " + ws.sqsDescription() + " with " + options.workers() + " workers, "
                        + "long poll " + ws.config().waitSeconds() + " s; SIGTERM or Ctrl-C stops");
            }
            DrainStats s = ws.operations().drain(options, listener(metrics), stop);
            report(ws, s, out);
            return 0;
        }
    }

    @Override
    public void close() {
        if (http != null) {
            http.close();
        }
        metrics.close();
    }

    private ProgressListener listener(ServiceMetrics metrics) {
        AtomicLong lastPrint = new AtomicLong(System.nanoTime());
        AtomicLong lastDone = new AtomicLong();
        long every = o.follow ? PROGRESS_EVERY_NANOS : 2_000_000_000L;
        return new ProgressListener() {
            @Override
            public void onProgress(DrainStats s) {
                metrics.onProgress(s);
                long now = System.nanoTime();
                long last = lastPrint.get();
                if (now - last > every && s.done() != lastDone.get() && lastPrint.compareAndSet(last, now)) {
                    lastDone.set(s.done());
                    say.accept(String.format(Locale.ROOT, "... %d done, %d written, %d rejected, %d duplicates",
                            s.done(), s.totals().written(), s.totals().rejected(), s.totals().duplicates()));
                }
            }

            @Override
            public void onStatus(String message) {
                say.accept(message);
            }

            @Override
            public void onBatch(int batchSize, CommitResult result) {
                metrics.onBatch(batchSize, result);
            }

            @Override
            public void onReceived(int messages, Duration took) {
                metrics.onReceived(messages, took);
            }

            @Override
            public void onCommitted(int batchSize, Duration took) {
                metrics.onCommitted(batchSize, took);
            }

            @Override
            public void onOutage(Server server, boolean down) {
                metrics.onOutage(server, down);
            }
        };
    }

    private void report(Workspace ws, DrainStats s, PrintWriter out) {
        if (!o.json()) {
            DrainCommand.printSummary(ws, s, out);
            return;
        }
        CommitResult t = s.totals();
        log.info("Drain stopped", StructuredArguments.kv("received", s.received()),
                StructuredArguments.kv("written", t.written()), StructuredArguments.kv("rejected", t.rejected()),
                StructuredArguments.kv("duplicates", t.duplicates()), StructuredArguments.kv("deleted", t.deleted()),
                StructuredArguments.kv("deleteFailures", t.deleteFailures()),
                StructuredArguments.kv("released", s.released()),
                StructuredArguments.kv("elapsedSeconds", s.elapsed().toMillis() / 1000.0));
    }

    static String version() {
        try (InputStream in = ServiceDrain.class.getResourceAsStream("/dev/drainboard/service/build.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
