package dev.drainboard.cli;

import dev.drainboard.app.Workspace;
import dev.drainboard.model.Batch;
import dev.drainboard.model.MaskedLogin;
import dev.drainboard.model.QueueMessage;
import dev.drainboard.model.QueueSetup;
import dev.drainboard.model.Rejection;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "preview", mixinStandardHelpOptions = true,
        description = "Receive a batch, print its masked rows and rejections, then release it. Writes nothing.")
final class PreviewCommand extends WorkspaceCommand {
    @Option(names = "--count", paramLabel = "N", defaultValue = "10", description = "messages to look at, 1-100 (default 10)")
    int count;

    @Option(names = "--release-at-limit", description = "release even messages that have had their last receive "
            + "before the queue's redrive policy moves them to the dead-letter queue (without it they are not released)")
    boolean releaseAtLimit;

    @Override
    int run(Workspace ws, PrintWriter out) {
        if (count < 1 || count > 100) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--count must be 1-100, not " + count);
        }
        // Ctrl-C / SIGTERM: nothing to stop, but the workspace waits for this command to release its batch
        ws.onShutdown(() -> { });
        Batch b = ws.operations().fetch(count, Duration.ofSeconds(ws.config().waitSeconds()));
        QueueSetup setup = ws.operations().queueSetup();
        List<QueueMessage> atLimit = b.messages().stream().filter(m -> setup.releaseReachesLimit(m.receiveCount()))
                .collect(Collectors.toList());
        boolean keep = !atLimit.isEmpty() && !releaseAtLimit;
        try {
            if (b.isEmpty()) {
                out.println("The queue has no visible messages.");
                return 0;
            }
            Map<String, Integer> receives = new HashMap<>();
            b.messages().forEach(m -> receives.put(m.messageId(), m.receiveCount()));
            String fmt = "%-36s  %-8s  %-35s  %-35s  %-6s  %-8s  %-11s  %s%n";
            out.printf(Locale.ROOT, fmt, "user_id", "device", "masked_ip", "masked_device_id", "locale", "app_ver",
                    "create_date", "receives");
            for (MaskedLogin r : b.rows()) {
                out.printf(Locale.ROOT, fmt, r.userId(), r.deviceType(), r.maskedIp(), r.maskedDeviceId(),
                        r.locale() == null ? "-" : r.locale(), r.appVersion(), r.createDate(),
                        setup.receiveCountText(receives.getOrDefault(r.messageId(), 0)));
            }
            for (Rejection r : b.rejections()) {
                out.printf(Locale.ROOT, "REJECTED %s: %s (%s); %s%n", r.messageId(), r.reason(), r.summary(),
                        setup.receiveCountText(receives.getOrDefault(r.messageId(), 0)));
            }
            out.println("Mask policy: " + ws.config().maskPolicy().summary());
            if (keep) {
                out.printf(Locale.ROOT, "%d rows, %d rejected. Nothing was written; %d messages were released.%n",
                        b.rows().size(), b.rejections().size(), b.size() - atLimit.size());
                spec.commandLine().getErr().printf(Locale.ROOT, "drainboard preview: %d message(s) NOT released: they "
                        + "have had %d of %d receives, so SQS moves them to %s at their next receive (no rejection "
                        + "record, no row). They stay in flight for the visibility timeout (%d s). Pass "
                        + "--release-at-limit to release them anyway.%n", atLimit.size(), setup.maxReceiveCount(),
                        setup.maxReceiveCount(), setup.deadLetterQueue(), ws.config().visibilityTimeout().toSeconds());
                return 1;
            }
            out.printf(Locale.ROOT, "%d rows, %d rejected. Nothing was written; the messages were released.%n",
                    b.rows().size(), b.rejections().size());
            return 0;
        } finally {
            List<QueueMessage> back = keep ? b.messages().stream().filter(m -> !atLimit.contains(m))
                    .collect(Collectors.toList()) : b.messages();
            ws.operations().release(new Batch(back, List.of(), List.of(), b.leaseExpiry()));
        }
    }
}
