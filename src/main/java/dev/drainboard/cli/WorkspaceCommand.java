package dev.drainboard.cli;

import dev.drainboard.app.Workspace;
import dev.drainboard.config.AppConfig;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
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
        beforeOpen();
        Consumer<String> status = startupStatus(err);
        try (Workspace ws = open(config, status)) {
            if (ws != null && (ws.embeddedSqs() || ws.embeddedDb())) {
                status.accept(Endpoints.describe(ws));
            }
            return run(ws, spec.commandLine().getOut());
        }
    }

    abstract int run(Workspace ws, PrintWriter out) throws Exception;

    /**
     * Opens the workspace; a command may wait for its servers here instead of failing at once, and
     * return null when it was stopped while waiting ({@link #run} is then called with null).
     */
    Workspace open(AppConfig config, Consumer<String> status) throws Exception {
        return Workspace.open(config, status);
    }

    /** Runs before the workspace opens (e.g. to switch the log format). */
    void beforeOpen() {
    }

    /** Where the start-up steps and the endpoints go: stderr, unless a command logs them instead. */
    Consumer<String> startupStatus(PrintWriter err) {
        return err::println;
    }
}
