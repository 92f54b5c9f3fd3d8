package dev.drainboard.cli;

import dev.drainboard.app.Workspace;
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
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import net.logstash.logback.argument.StructuredArguments;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code drain} as a service: optionally following the queue, with health and metrics on a port,
 * statuses as text on stderr or as JSON log events, and a graceful stop on SIGTERM/SIGINT.
 */
final class ServiceDrain {
    private static final Logger log = LoggerFactory.getLogger(ServiceDrain.class);
    /** In follow mode, progress is reported at most this often, and only when something was done. */
    private static final long PROGRESS_EVERY_NANOS = 10_000_000_000L;

    private final Workspace ws;
    private final ServiceOptions o;
    private final long max;
    private final Consumer<String> say;

    ServiceDrain(Workspace ws, ServiceOptions o, long max, PrintWriter err) {
        this.ws = ws;
        this.o = o;
        this.max = max;
        this.say = sayer(o, err);
    }

    /** Text mode prints a status on stderr; JSON mode logs it at INFO. */
    static Consumer<String> sayer(ServiceOptions o, PrintWriter err) {
        if (o.json()) {
            return s -> log.info(s);
        }
        return s -> err.println("  " + s);
    }

    int run(PrintWriter out) throws IOException {
        StopSignal stop = new StopSignal();
        try (ServiceMetrics metrics = new ServiceMetrics(version());
             HealthMonitor health = HealthMonitor.of(ws, metrics,
                     Clock.systemUTC())) {
            metrics.bindPool(ws);
            metrics.maskKey(ws.key().fingerprint());
            health.start(Duration.ofSeconds(Math.max(1, o.healthIntervalSeconds)));
            ServiceHttp http = o.metricsPort == null ? null
                    : ServiceHttp.start(o.metricsHost, o.metricsPort, metrics, health);
            try {
                say.accept("Mask key fingerprint " + ws.key().fingerprint() + " (from " + ws.key().source()
                        + "); every replica must show the same");
                if (http != null) {
                    say.accept("Health and metrics on " + http.uri() + " (/health/live, /health/ready, /metrics)");
                }
                Runnable stopping = () -> {
                    health.stopping();
                    stop.stop();
                };
                // if a signal cannot be taken over, the workspace's shutdown hook still stops the drain first
                ws.onShutdown(stopping);
                StopOnSignal.install(stopping, Duration.ofSeconds(o.shutdownTimeoutSeconds), say);
                DrainOptions options = new DrainOptions(ws.config().workers(), Math.max(0, max),
                        Duration.ofSeconds(ws.config().waitSeconds()));
                if (o.follow) {
                    options = options.following();
                    say.accept("Following " + ws.sqsDescription() + " with " + options.workers() + " workers, "
                            + "long poll " + ws.config().waitSeconds() + " s; SIGTERM or Ctrl-C stops");
                }
                DrainStats s = ws.operations().drain(options, listener(metrics), stop);
                report(s, out);
                return 0;
            } finally {
                if (http != null) {
                    http.close();
                }
            }
        }
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

    private void report(DrainStats s, PrintWriter out) {
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
