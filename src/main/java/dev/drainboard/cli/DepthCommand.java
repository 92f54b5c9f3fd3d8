package dev.drainboard.cli;

import dev.drainboard.app.Operations;
import dev.drainboard.app.Workspace;
import dev.drainboard.model.QueueDepth;
import dev.drainboard.model.StoredCounts;
import java.io.PrintWriter;
import picocli.CommandLine.Command;

@Command(name = "depth", mixinStandardHelpOptions = true,
        description = "Show the queue and dead-letter queue depths and the counts in PostgreSQL.")
final class DepthCommand extends WorkspaceCommand {
    @Override
    int run(Workspace ws, PrintWriter out) {
        Operations ops = ws.operations();
        QueueDepth q = ops.depth();
        QueueDepth d = ops.deadLetterDepth();
        StoredCounts c = ops.counts();
        String fmt = "%-20s %10s %10s %10s%n";
        out.printf(fmt, "queue", "available", "in flight", "delayed");
        out.printf(fmt, ws.config().queue(), q.available(), q.inFlight(), q.delayed());
        out.printf(fmt, ws.config().deadLetterQueue(), d.available(), d.inFlight(), d.delayed());
        out.printf("PostgreSQL: %d rows in user_logins, %d rejections%n", c.rows(), c.rejections());
        out.printf("Mask policy: %s (%s)%n", ws.config().maskPolicy().summary(), ws.masking().description());
        return 0;
    }
}
