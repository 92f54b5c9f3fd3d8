package dev.drainboard.cli;

import dev.drainboard.app.Failures;
import dev.drainboard.app.Migration;
import dev.drainboard.app.Workspace;
import dev.drainboard.config.AppConfig;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "schema", mixinStandardHelpOptions = true,
        description = "Create missing tables and check user_logins; optionally migrate an integer app_version.")
final class SchemaCommand implements Callable<Integer> {
    @Mixin
    ConfigOptions options;

    @Spec
    CommandSpec spec;

    @Option(names = "--migrate-app-version",
            description = "change user_logins.app_version from integer to varchar(32), keeping its values")
    boolean migrate;

    /** Says how the queue is set up and suggests a redrive policy; a queue that cannot be reached is only noted. */
    private void adviseOnQueue(AppConfig config, PrintWriter out) {
        try {
            printAdvice(Migration.queueSetup(config), out);
        } catch (RuntimeException e) {
            out.println("Queue not checked: " + e.getMessage());
        }
    }

    private static void printAdvice(dev.drainboard.model.QueueSetup setup, PrintWriter out) {
        out.println(QueueAdvice.describe(setup));
        String advice = QueueAdvice.suggestion(setup);
        if (advice != null) {
            out.println(advice);
        }
    }

    @Override
    public Integer call() throws Exception {
        AppConfig config = options.load();
        PrintWriter out = spec.commandLine().getOut();
        if (config.embeddedDb()) {
            try (Workspace ws = Workspace.open(config, s -> { })) {
                out.println("Schema OK in the embedded PostgreSQL (" + ws.dbDescription() + ").");
                printAdvice(ws.operations().queueSetup(), out);
                return 0;
            }
        }
        if (migrate) {
            boolean changed = Migration.migrateAppVersion(config);
            out.println(changed ? "Migrated: " + Migration.APP_VERSION_SQL
                    : "Nothing to migrate: app_version is not an integer column.");
        }
        try {
            Migration.ensureSchema(config);
        } catch (RuntimeException e) {
            if (Failures.of(e) != Failures.SCHEMA) {
                throw e;
            }
            spec.commandLine().getErr().println("drainboard schema: " + e.getMessage());
            return 1;
        }
        out.println("Schema OK: user_logins, drainboard_ledger, drainboard_rejections and drainboard_reveals "
                + "are ready.");
        adviseOnQueue(config, out);
        return 0;
    }
}
