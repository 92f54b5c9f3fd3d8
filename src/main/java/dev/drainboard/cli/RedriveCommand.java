package dev.drainboard.cli;

import dev.drainboard.app.Workspace;
import dev.drainboard.model.BulkReplay;
import dev.drainboard.model.QueueSetup;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "redrive", mixinStandardHelpOptions = true,
        description = "Send every message of the dead-letter queue back to the queue (rejections are marked "
                + "replayed first, so each comes back once). Uses an SQS message move task where the dead-letter "
                + "queue is the queue's redrive target and the server runs them; else receive and send.")
final class RedriveCommand extends WorkspaceCommand {
    @Option(names = "--limit", paramLabel = "N", defaultValue = "10000",
            description = "rejection records to mark replayed, newest first (default 10000)")
    int limit;

    @Override
    int run(Workspace ws, PrintWriter out) {
        QueueSetup setup = ws.operations().queueSetup();
        BulkReplay r = ws.operations().replayAll(limit);
        if (r.method() == BulkReplay.Method.MOVE_TASK) {
            out.printf("Started an SQS message move task from %s back to %s (task %s); it runs on the server: "
                    + "watch `drainboard depth`.%n", setup.deadLetterQueue(), setup.queue(), r.taskHandle());
        } else {
            out.printf("Sent %d dead letters from %s back to %s (receive and send).%n", r.moved(),
                    setup.deadLetterQueue(), setup.queue());
        }
        return 0;
    }
}
