package dev.drainboard.cli;

import dev.drainboard.app.Workspace;
import dev.drainboard.config.AppConfig;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** A command that opens a {@link Workspace}, does its work, and closes it. */
abstract class WorkspaceCommand implements Callable<Integer> {
    @Mixin
    ConfigOptions options;

    @Spec
    CommandSpec spec;

    @Override
    public final Integer call() throws Exception {
        AppConfig config = options.load();
        PrintWriter err = spec.commandLine().getErr();
        try (Workspace ws = Workspace.open(config, s -> err.println(s))) {
            if (ws.embeddedSqs() || ws.embeddedDb()) {
                err.println(Endpoints.describe(ws));
            }
            return run(ws, spec.commandLine().getOut());
        }
    }

    abstract int run(Workspace ws, PrintWriter out) throws Exception;
}
