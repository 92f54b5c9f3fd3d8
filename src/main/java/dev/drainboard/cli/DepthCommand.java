package dev.drainboard.cli;

import dev.drainboard.app.Operations;
import dev.drainboard.app.Workspace;
import dev.drainboard.model.QueueDepth;
import dev.drainboard.model.QueueSetup;
import dev.drainboard.model.StoredCounts;
import java.io.PrintWriter;
import picocli.CommandLine.Command;

@Command(name = "depth", mixinStandardHelpOptions = true,
        description = "Show the queue and dead-letter queue depths (FIFO or standard, the redrive target) and the counts in PostgreSQL.")
final class DepthCommand extends WorkspaceCommand {
    @Override
    int run(Workspace ws, PrintWriter out) {
        Operations ops = ws.operations();
        QueueDepth q = ops.depth();
        QueueDepth d = ops.deadLetterDepth();
        StoredCounts c = ops.counts();
        QueueSetup setup = ops.queueSetup();
        String fmt = "%-20s %10s %10s %10s  %s%n";
        out.printf(fmt, "queue", "available", "in flight", "delayed", "");
        out.printf(fmt, setup.queue(), q.available(), q.inFlight(), q.delayed(), setup.kind());
        out.printf(fmt, setup.deadLetterQueue(), d.available(), d.inFlight(), d.delayed(),
                setup.redrivePolicy() ? "dead letters (the queue's redrive target, after " + setup.maxReceiveCount()
                        + " receives)" : "dead letters (named by Drainboard)");
        out.println(QueueAdvice.describe(setup));
        String advice = QueueAdvice.suggestion(setup);
        if (advice != null) {
            out.println(advice);
        }
        out.printf("PostgreSQL: %d rows in user_logins, %d rejections%n", c.rows(), c.rejections());
        out.printf("Mask policy: %s (%s)%n", ws.config().maskPolicy().summary(), ws.masking().description());
        return 0;
    }
}
