package dev.drainboard.cli;

import dev.drainboard.app.Reveals;
import dev.drainboard.app.Workspace;
import dev.drainboard.config.AppConfig;
import dev.drainboard.model.MaskColumn;
import dev.drainboard.model.Unmasked;
import dev.drainboard.pipeline.Reveal;
import dev.drainboard.pipeline.RevealedRow;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "unmask", mixinStandardHelpOptions = true,
        description = {"Reveal the original ip / device_id behind v2 masks, with the SIV keyset, for a stated reason.",
                "Every call writes an audit row (time, OS user, lookup, row count, reason) to drainboard_reveals.",
                "v1 (hmac) masks are one-way and are reported as not recoverable.",
                "Example: drainboard unmask --column masked_ip --value 'v2:1a2b3c4d:...' --reason 'ticket SEC-42'"})
final class UnmaskCommand implements Callable<Integer> {
    @Mixin
    ConfigOptions options;

    @Spec
    CommandSpec spec;

    @Option(names = "--column", paramLabel = "masked_ip|masked_device_id", description = "the column the mask is in")
    String column;

    @Option(names = "--value", paramLabel = "MASK", description = "the stored mask to reveal (with --column)")
    String value;

    @Option(names = "--user-id", paramLabel = "ID", description = "reveal ip and device_id on every row of this user")
    String userId;

    @Option(names = "--reason", paramLabel = "TEXT", description = "why (required; stored in the audit table)")
    String reason;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        // checked before anything starts, and said in one line, since a reveal without a reason never happens
        String problem = checkArguments();
        if (problem != null) {
            err.println("drainboard unmask: " + problem);
            return 2;
        }
        AppConfig config = options.load();
        try (Workspace ws = Workspace.openForReveal(config, err::println)) {
            Reveals revealer = ws.reveals();
            MaskColumn col = userId == null ? columnOf(column) : null;
            Reveal r = col == null ? revealer.revealUser(userId, reason) : revealer.reveal(col, value, reason);
            print(r, col, spec.commandLine().getOut());
            return 0;
        }
    }

    private String checkArguments() {
        if (reason == null || reason.isBlank()) {
            return "--reason is required: say why these values must be revealed, e.g. --reason \"DSR ticket 123\" "
                    + "(it is written to the audit table drainboard_reveals)";
        }
        if (userId != null && (column != null || value != null)) {
            return "give --user-id, or --column with --value, not both";
        }
        if (userId == null && (column == null || value == null)) {
            return "say what to reveal: --column masked_ip|masked_device_id --value <mask>, or --user-id <id>";
        }
        if (userId == null && columnOf(column) == null) {
            return "--column must be masked_ip or masked_device_id, not '" + column + "'";
        }
        return null;
    }

    private static MaskColumn columnOf(String name) {
        for (MaskColumn c : MaskColumn.values()) {
            if (c.column().equalsIgnoreCase(name.strip())) {
                return c;
            }
        }
        return null;
    }

    private void print(Reveal r, MaskColumn col, PrintWriter out) {
        String lookup = col == null ? "user_id = " + userId : col.column() + " = " + value;
        if (r.rows().isEmpty()) {
            out.println("No row matches " + lookup + ". The lookup was audited in drainboard_reveals.");
            return;
        }
        String fmt = "%-36s  %-8s  %-10s  %-40s  %s%n";
        boolean both = col == null;
        out.printf(Locale.ROOT, fmt, "user_id", "device", "created", both || col == MaskColumn.MASKED_IP ? "ip" : "",
                both || col == MaskColumn.MASKED_DEVICE_ID ? "device_id" : "");
        for (RevealedRow row : r.rows()) {
            out.printf(Locale.ROOT, fmt, row.userId(), row.deviceType(), row.createDate(), shown(row.ip()),
                    shown(row.deviceId()));
        }
        out.printf(Locale.ROOT, "%d row(s) for %s: %d value(s) revealed, %d not recoverable.%s%n", r.rows().size(),
                lookup, r.revealedCount(), r.notRecoverableCount(),
                r.truncated() ? " Only the first rows are shown." : "");
        if (r.notRecoverableCount() > 0) {
            out.println("Not recoverable: v1 masks are one-way HMACs (no key can reveal them); a v2 mask needs the "
                    + "keyset key that made it.");
        }
        out.println("Audit row written to drainboard_reveals.");
    }

    private static String shown(Unmasked u) {
        return u == null ? "" : u.forPeople();
    }
}
