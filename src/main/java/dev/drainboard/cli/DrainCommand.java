package dev.drainboard.cli;

import ch.qos.logback.classic.Level;
import dev.drainboard.app.Workspace;
import dev.drainboard.model.CommitResult;
import dev.drainboard.model.DrainStats;
import dev.drainboard.pipeline.DrainOptions;
import dev.drainboard.pipeline.ProgressListener;
import dev.drainboard.pipeline.ProgressThrottle;
import dev.drainboard.pipeline.StopSignal;
import dev.drainboard.service.JsonLogs;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "drain", mixinStandardHelpOptions = true,
        description = {"Drain the queue into PostgreSQL: receive, mask, write, then delete. Ctrl-C stops cleanly.",
                "With --follow it runs as a service: it keeps draining as messages arrive until SIGTERM or Ctrl-C."})
final class DrainCommand extends WorkspaceCommand {
    @Option(names = "--max", paramLabel = "N", description = "stop after N messages (default: until the queue is empty)")
    long max;

    @Mixin
    ServiceOptions service;

    /** True when no worker count was given: the drain sizes itself (see {@link #drainOptions}). */
    private boolean adaptive;

    @Override
    void beforeOpen() {
        service.validate();
        if (!service.asService() && !dev.drainboard.config.ConfigLoader.fromSystem(options.flags())
                .isSet(dev.drainboard.config.ConfigKey.WORKERS)) {
            // the workspace sizes its connection pools by the workers: size them for the most receivers
            adaptive = true;
            options.flags().put(dev.drainboard.config.ConfigKey.WORKERS,
                    Integer.toString(DrainOptions.ADAPTIVE_MAX_WORKERS));
        }
        if (service.json()) {
            JsonLogs.install(Level.toLevel(System.getenv("DRAINBOARD_CONSOLE_LOG_LEVEL"), Level.INFO));
        }
    }

    @Override
    Consumer<String> startupStatus(PrintWriter err) {
        return service.json() ? ServiceDrain.sayer(service, err) : super.startupStatus(err);
    }

    /** Service mode only: its health port and metrics, from before the workspace opens. */
    private ServiceDrain serviceDrain;

    @Override
    Workspace open(dev.drainboard.config.AppConfig config, Consumer<String> status) throws Exception {
        if (!service.asService()) {
            return super.open(config, status);
        }
        serviceDrain = new ServiceDrain(service, max, spec.commandLine().getErr());
        try {
            return serviceDrain.open(config, status); // null: stopped while waiting for the servers
        } catch (RuntimeException e) {
            serviceDrain.close();
            throw e;
        }
    }

    @Override
    int run(Workspace ws, PrintWriter out) throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        if (service.asService()) {
            try (ServiceDrain d = serviceDrain) {
                return ws == null ? d.stoppedWhileWaiting(out) : d.run(ws, out);
            }
        }
        StopSignal stop = new StopSignal();
        // Ctrl-C / SIGTERM: the commit in flight finishes, held batches are released, then the
        // workspace closes (servers in order) when this method returns
        ws.onShutdown(stop::stop);
        ProgressListener listener = ProgressThrottle.afterEvery(Duration.ofSeconds(2), new ProgressListener() {
            @Override
            public void onProgress(DrainStats s) {
                err.printf(Locale.ROOT, "  ... %d done of ~%d, %.0f msg/s%n", s.done(), s.depthAtStart(),
                        s.messagesPerSecond());
            }

            @Override
            public void onStatus(String message) {
                err.println("  " + message);
            }
        });
        DrainStats s = ws.operations().drain(drainOptions(ws), listener, stop);
        printSummary(ws, s, out);
        if (adaptive) {
            out.printf(Locale.ROOT, "  (no --workers given: adaptive, at most %d receivers)%n",
                    DrainOptions.ADAPTIVE_MAX_WORKERS);
        }
        return 0;
    }

    /**
     * A worker count given (flag, environment or settings file) is used as it is; without one the
     * drain is adaptive, from a few receivers up to {@link DrainOptions#ADAPTIVE_MAX_WORKERS}, so nobody
     * has to tune it for their network (see docs/performance.md).
     */
    private DrainOptions drainOptions(Workspace ws) {
        DrainOptions o = new DrainOptions(ws.config().workers(), Math.max(0, max),
                Duration.ofSeconds(ws.config().waitSeconds()));
        return adaptive ? o.adaptiveUpTo() : o;
    }

    static void printSummary(Workspace ws, DrainStats s, PrintWriter out) {
        CommitResult t = s.totals();
        out.printf(Locale.ROOT, "Drained %s into %s%n", ws.sqsDescription(), ws.dbDescription());
        out.printf(Locale.ROOT, "  received           %,d%n", s.received());
        out.printf(Locale.ROOT, "  rows written       %,d%n", t.written());
        out.printf(Locale.ROOT, "  rejected           %,d  (bodies in %s, reasons in drainboard_rejections)%n",
                t.rejected(), ws.operations().queueSetup().deadLetterQueue());
        out.printf(Locale.ROOT, "  duplicates skipped %,d%n", t.duplicates());
        out.printf(Locale.ROOT, "  deleted            %,d%s%n", t.deleted(),
                t.deleteFailures() > 0 ? "  (" + t.deleteFailures() + " delete(s) failed: they will be skipped on "
                        + "redelivery)" : "");
        if (s.sentTimestampMissing() > 0) {
            out.printf(Locale.ROOT, "  no SentTimestamp   %,d  (create_date is the day they were received)%n",
                    s.sentTimestampMissing());
        }
        if (s.released() > 0) {
            out.printf(Locale.ROOT, "  released           %,d  (stopped before commit; back in the queue)%n",
                    s.released());
        }
        out.printf(Locale.ROOT, "  elapsed            %.1f s  (%,.0f msg/s, %d workers)%n",
                s.elapsed().toMillis() / 1000.0, s.messagesPerSecond(), ws.config().workers());
    }
}
