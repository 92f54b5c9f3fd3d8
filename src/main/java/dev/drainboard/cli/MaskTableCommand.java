package dev.drainboard.cli;

import dev.drainboard.app.MaskTableDesk;
import dev.drainboard.config.AppConfig;
import dev.drainboard.config.MaskPolicy;
import dev.drainboard.model.ColumnMask;
import dev.drainboard.model.MaskTableDryRun;
import dev.drainboard.model.MaskTableProgress;
import dev.drainboard.model.MaskTableResult;
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

@Command(name = "mask-table", mixinStandardHelpOptions = true,
        description = {"Mask, in place, the columns of an existing table that still hold raw values, with this",
                "deployment's key and scheme (ip canonicalised as the drain does). Values that already carry a",
                "mask prefix (v1:, v2:) and nulls are left alone, so a second run changes nothing.",
                "Works in batches of about --batch-rows rows, each one transaction; after a crash or Ctrl-C,",
                "run it again and it continues where it stopped (progress in drainboard_mask_progress).",
                "Example: drainboard mask-table --dry-run   (user_logins: masked_ip=ip, masked_device_id=device_id)"})
final class MaskTableCommand implements Callable<Integer> {
    @Mixin
    ConfigOptions options;

    @Spec
    CommandSpec spec;

    @Option(names = "--table", paramLabel = "NAME", description = "the table (default user_logins)")
    String table = MaskTableDesk.DEFAULT_TABLE;

    @Option(names = "--column", paramLabel = "COLUMN=FIELD", split = ",",
            description = "a column holding raw values and the login field it holds, e.g. ip=ip or "
                    + "user_id=user_id; repeat or separate with commas (default masked_ip=ip,masked_device_id=device_id, "
                    + "plus user_id=user_id when the mask policy masks user_id)")
    List<String> columns = new ArrayList<>();

    @Option(names = "--batch-rows", paramLabel = "N", description = "rows per transaction, about (default 5000)")
    int batchRows = MaskTableDesk.DEFAULT_BATCH_ROWS;

    @Option(names = "--dry-run", description = "count what would change and show a few rows as they would be "
            + "stored (masks only, never a raw value); writes nothing")
    boolean dryRun;

    @Option(names = "--restart", description = "ignore the saved progress and walk the whole table again")
    boolean restart;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (batchRows < 1 || batchRows > 1_000_000) {
            err.println("drainboard mask-table: --batch-rows must be between 1 and 1000000");
            return 2;
        }
        List<ColumnMask> mapping = new ArrayList<>();
        try {
            for (String c : columns) {
                mapping.add(ColumnMask.parse(c));
            }
        } catch (IllegalArgumentException e) {
            err.println("drainboard mask-table: " + e.getMessage());
            return 2;
        }
        AppConfig config = options.load();
        if (mapping.isEmpty()) {
            mapping = ColumnMask.userLogins(config.maskPolicy().action("user_id") == MaskPolicy.Action.MASK);
        }
        try (MaskTableDesk desk = MaskTableDesk.open(config, err::println)) {
            desk.recognise(table, mapping);
            err.println("Masking with " + desk.masking());
            if (dryRun) {
                print(desk.dryRun(table, mapping, 5), out);
                return 0;
            }
            return run(desk, mapping, out, err);
        }
    }

    private int run(MaskTableDesk desk, List<ColumnMask> mapping, PrintWriter out, PrintWriter err) {
        // Ctrl-C / SIGTERM: finish the batch in hand, save the cursor, then let the JVM end
        ProgressBar bar = new ProgressBar(err, System.console() != null);
        MaskTableResult r;
        try (StopOnShutdown stop = StopOnShutdown.install("mask-table-stop", Duration.ofSeconds(20))) {
            r = desk.run(table, mapping, batchRows, restart, bar::show, stop::stopRequested);
        }
        bar.end();
        String cols = r.columns().toString();
        if (r.resumedAtPage() > 0) {
            out.printf(Locale.ROOT, "Resumed an interrupted run at page %,d.%n", r.resumedAtPage());
        }
        out.printf(Locale.ROOT, "%s %s %s: %,d values masked in %,d rows (%,d rows with raw values, %.1f s, %,.0f rows/s).%n",
                r.finished() ? "Masked" : "Stopped masking", r.table(), cols, r.valuesChanged(), r.rowsChanged(),
                r.rowsScanned(), r.elapsed().toMillis() / 1000.0, r.rowsPerSecond());
        if (r.notAddresses() > 0) {
            out.printf(Locale.ROOT, "%,d ip values are not IPv4 or IPv6 addresses; they were masked as stored.%n",
                    r.notAddresses());
        }
        if (!r.finished()) {
            out.println("Progress is saved: run the same command again to continue.");
            return 1;
        }
        out.println(r.valuesChanged() == 0 ? "Nothing to change: every value already carries a mask (or is null)."
                : "Done. Values that already carried a mask were left alone.");
        return 0;
    }

    static void print(MaskTableDryRun d, PrintWriter out) {
        out.printf(Locale.ROOT, "Dry run on %s (nothing written): %,d rows, %,d would change.%n", d.table(), d.rows(),
                d.rowsToChange());
        for (ColumnMask c : d.columns()) {
            out.printf(Locale.ROOT, "  %-24s %,12d values to mask as %-10s %,12d already masked%n", c.column(),
                    d.valuesToChange().get(c.column()), c.field(), d.alreadyMasked().get(c.column()));
        }
        if (!d.sample().isEmpty()) {
            out.println("A few rows as they would be stored (masked output only):");
            StringBuilder h = new StringBuilder("  ");
            for (ColumnMask c : d.columns()) {
                h.append(String.format(Locale.ROOT, "%-38s ", c.column()));
            }
            out.println(h.toString().stripTrailing());
            for (List<String> row : d.sample()) {
                StringBuilder b = new StringBuilder("  ");
                for (String v : row) {
                    b.append(String.format(Locale.ROOT, "%-38s ", v == null ? "NULL" : v));
                }
                out.println(b.toString().stripTrailing());
            }
        }
        out.println(d.totalValuesToChange() == 0 ? "Nothing to do." : "Run without --dry-run to mask them.");
    }

    /** A bar with ETA on stderr: redrawn in place on a terminal, a line every few seconds otherwise. */
    static final class ProgressBar {
        private final PrintWriter err;
        private final boolean terminal;
        private long lastNanos;
        private boolean drawn;

        ProgressBar(PrintWriter err, boolean terminal) {
            this.err = err;
            this.terminal = terminal;
        }

        void show(MaskTableProgress p) {
            long now = System.nanoTime();
            long every = terminal ? 200_000_000L : 5_000_000_000L;
            if (drawn && now - lastNanos < every && p.pagesDone() < p.pagesTotal()) {
                return;
            }
            lastNanos = now;
            drawn = true;
            int width = 30;
            int filled = (int) Math.round(p.fraction() * width);
            String line = String.format(Locale.ROOT, "[%s%s] %5.1f%%  page %,d of %,d  %,d values changed  ETA %s",
                    "#".repeat(filled), ".".repeat(width - filled), p.fraction() * 100, p.pagesDone(), p.pagesTotal(),
                    p.valuesChanged(), p.eta().map(ProgressBar::format).orElse("--:--"));
            if (terminal) {
                err.print("\r" + line);
            } else {
                err.println(line);
            }
            err.flush();
        }

        void end() {
            if (terminal && drawn) {
                err.println();
            }
        }

        static String format(Duration d) {
            long s = d.toSeconds();
            return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                    : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
        }
    }
}
