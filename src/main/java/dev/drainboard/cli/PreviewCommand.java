package dev.drainboard.cli;

import dev.drainboard.app.Workspace;
import dev.drainboard.model.Batch;
import dev.drainboard.model.MaskedLogin;
import dev.drainboard.model.Rejection;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "preview", mixinStandardHelpOptions = true,
        description = "Receive a batch, print its masked rows and rejections, then release it. Writes nothing.")
final class PreviewCommand extends WorkspaceCommand {
    @Option(names = "--count", paramLabel = "N", defaultValue = "10", description = "messages to look at, 1-100 (default 10)")
    int count;

    @Override
    int run(Workspace ws, PrintWriter out) {
        if (count < 1 || count > 100) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--count must be 1-100, not " + count);
        }
        // Ctrl-C / SIGTERM: nothing to stop, but the workspace waits for this command to release its batch
        ws.onShutdown(() -> { });
        Batch b = ws.operations().fetch(count, Duration.ofSeconds(ws.config().waitSeconds()));
        try {
            if (b.isEmpty()) {
                out.println("The queue has no visible messages.");
                return 0;
            }
            String fmt = "%-36s  %-8s  %-35s  %-35s  %-6s  %-8s  %s%n";
            out.printf(Locale.ROOT, fmt, "user_id", "device", "masked_ip", "masked_device_id", "locale", "app_ver",
                    "create_date");
            for (MaskedLogin r : b.rows()) {
                out.printf(Locale.ROOT, fmt, r.userId(), r.deviceType(), r.maskedIp(), r.maskedDeviceId(),
                        r.locale() == null ? "-" : r.locale(), r.appVersion(), r.createDate());
            }
            for (Rejection r : b.rejections()) {
                out.printf(Locale.ROOT, "REJECTED %s: %s (%s)%n", r.messageId(), r.reason(), r.summary());
            }
            out.println("Mask policy: " + ws.config().maskPolicy().summary());
            out.printf(Locale.ROOT, "%d rows, %d rejected. Nothing was written; the messages were released.%n",
                    b.rows().size(), b.rejections().size());
            return 0;
        } finally {
            ws.operations().release(b);
        }
    }
}
