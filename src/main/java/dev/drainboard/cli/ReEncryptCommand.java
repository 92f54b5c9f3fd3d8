package dev.drainboard.cli;

import dev.drainboard.app.MaskTableDesk;
import dev.drainboard.config.AppConfig;
import dev.drainboard.config.MaskPolicy;
import dev.drainboard.model.ColumnMask;
import dev.drainboard.model.MaskTableResult;
import dev.drainboard.model.ReEncryptResult;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "re-encrypt", mixinStandardHelpOptions = true,
        description = {"After `keys rotate`: move the v2 masks stored under older keys of the SIV keyset to its",
                "primary key, in batches (one transaction each), resumable after a crash or Ctrl-C. Each run",
                "writes one audit row to drainboard_reencryptions (who, when, how many values, old and new key ids).",
                "Restart running drainers first, so that they mask new rows with the new key."})
final class ReEncryptCommand implements Callable<Integer> {
    @Mixin
    ConfigOptions options;

    @Spec
    CommandSpec spec;

    /** The table, columns and batch size of a re-encryption; shared with {@code keys rotate --re-encrypt}. */
    static final class Walk {
        @Option(names = "--table", paramLabel = "NAME", description = "the table (default user_logins)")
        String table = MaskTableDesk.DEFAULT_TABLE;

        @Option(names = "--column", paramLabel = "COLUMN=FIELD", split = ",",
                description = "a column holding v2 masks and its field (default masked_ip=ip,masked_device_id=device_id, "
                        + "plus user_id=user_id when the mask policy masks user_id)")
        List<String> columns = new ArrayList<>();

        @Option(names = "--batch-rows", paramLabel = "N", description = "rows per transaction, about (default 5000)")
        int batchRows = MaskTableDesk.DEFAULT_BATCH_ROWS;

        @Option(names = "--restart", description = "ignore the saved progress and walk the whole table again")
        boolean restart;

        List<ColumnMask> mapping(AppConfig config) {
            List<ColumnMask> m = new ArrayList<>();
            for (String c : columns) {
                m.add(ColumnMask.parse(c));
            }
            return m.isEmpty() ? ColumnMask.userLogins(config.maskPolicy().action("user_id") == MaskPolicy.Action.MASK)
                    : m;
        }
    }

    @Mixin
    Walk walk;

    @Override
    public Integer call() {
        return run(options.load(), walk, spec.commandLine().getOut(), spec.commandLine().getErr());
    }

    static int run(AppConfig config, Walk walk, PrintWriter out, PrintWriter err) {
        if (walk.batchRows < 1 || walk.batchRows > 1_000_000) {
            err.println("drainboard keys re-encrypt: --batch-rows must be between 1 and 1000000");
            return 2;
        }
        List<ColumnMask> mapping = walk.mapping(config);
        try (MaskTableDesk desk = MaskTableDesk.open(config, err::println)) {
            MaskTableCommand.ProgressBar bar = new MaskTableCommand.ProgressBar(err, System.console() != null);
            ReEncryptResult r;
            try (StopOnShutdown stop = StopOnShutdown.install("re-encrypt-stop", Duration.ofSeconds(20))) {
                r = desk.reEncrypt(walk.table, mapping, walk.batchRows, walk.restart, bar::show, stop::stopRequested);
            }
            bar.end();
            MaskTableResult w = r.walk();
            if (w.resumedAtPage() > 0) {
                out.printf(Locale.ROOT, "Resumed an interrupted run at page %,d.%n", w.resumedAtPage());
            }
            out.printf(Locale.ROOT, "%s %s %s: %,d values in %,d rows moved to key %s (from %s) in %.1f s.%n",
                    w.finished() ? "Re-encrypted" : "Stopped re-encrypting", w.table(), w.columns(), w.valuesChanged(),
                    w.rowsChanged(), r.newKeyId(), r.oldKeyIds().isEmpty() ? "no old key" : String.join(", ",
                            r.oldKeyIds()), w.elapsed().toMillis() / 1000.0);
            if (r.unreadable() > 0) {
                out.printf(Locale.ROOT, "%,d v2 values could not be opened with this keyset and were left as stored.%n",
                        r.unreadable());
            }
            out.println("Audit row " + r.auditId() + " written to drainboard_reencryptions.");
            if (!w.finished()) {
                out.println("Progress is saved: run the same command again to continue.");
                return 1;
            }
            return 0;
        }
    }
}
