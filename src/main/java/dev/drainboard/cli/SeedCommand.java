package dev.drainboard.cli;

import dev.drainboard.app.Workspace;
import dev.drainboard.pipeline.DemoMessages;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

@Command(name = "seed", mixinStandardHelpOptions = true,
        description = "Send messages to the queue: the 100-message sample, a JSON-lines file, or generated logins.")
final class SeedCommand extends WorkspaceCommand {
    @Option(names = "--file", paramLabel = "FILE", description = "JSON-lines file, one message per line")
    Path file;

    @Option(names = "--count", paramLabel = "N", description = "generate N logins instead of sending the sample")
    Integer count;

    @Option(names = "--duplicate-share", paramLabel = "R", defaultValue = "0.2",
            description = "share of generated logins that reuse an earlier ip and device id (default 0.2)")
    double duplicateShare;

    @Option(names = "--malformed-share", paramLabel = "R", defaultValue = "0.01",
            description = "share of generated messages that are not valid logins (default 0.01)")
    double malformedShare;

    @Override
    int run(Workspace ws, PrintWriter out) throws Exception {
        if (file != null && count != null) {
            throw new ParameterException(spec.commandLine(), "give --file or --count, not both");
        }
        if (duplicateShare < 0 || duplicateShare > 1 || malformedShare < 0 || malformedShare > 1) {
            throw new ParameterException(spec.commandLine(), "shares are between 0 and 1");
        }
        List<String> bodies;
        String what;
        if (file != null) {
            bodies = DemoMessages.fromFile(file);
            what = "from " + file;
        } else if (count != null) {
            if (count < 1) {
                throw new ParameterException(spec.commandLine(), "--count must be at least 1");
            }
            bodies = DemoMessages.generate(count, duplicateShare, malformedShare, System.nanoTime());
            what = "generated";
        } else {
            bodies = DemoMessages.sample();
            what = "from the sample";
        }
        ws.operations().send(bodies);
        out.printf("Sent %d messages (%s) to %s%n", bodies.size(), what, ws.sqsDescription());
        return 0;
    }
}
