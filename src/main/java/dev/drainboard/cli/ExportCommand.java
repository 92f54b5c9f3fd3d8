package dev.drainboard.cli;

import dev.drainboard.app.CsvExport;
import dev.drainboard.app.Explore;
import dev.drainboard.app.Workspace;
import dev.drainboard.model.ExploreSort;
import dev.drainboard.model.LoginFilter;
import dev.drainboard.model.MaskColumn;
import dev.drainboard.model.SharedMasks;
import java.io.BufferedWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Write the rows of user_logins that match a filter, or the masks shared by several user ids, "
                + "as CSV (RFC 4180, header row, masked values only).")
final class ExportCommand extends WorkspaceCommand {
    enum Format { csv }

    enum Shared { devices, ips }

    @Option(names = "--filter", paramLabel = "KEY=VALUE[,…]",
            description = "user_id, masked_ip, masked_device_id, device_type, locale, app_version, from, to "
                    + "(dates yyyy-mm-dd, inclusive); repeatable; without it, every row")
    List<String> filter = new ArrayList<>();

    @Option(names = "--format", defaultValue = "csv", description = "csv (the only format)")
    Format format;

    @Option(names = "--sort", defaultValue = "date", description = "date (newest first) or user_id")
    String sort;

    @Option(names = "--shared", paramLabel = "devices|ips",
            description = "export the masked device ids (or ips) used by two or more user ids instead of rows")
    Shared shared;

    int limit;

    /** Checked as it is parsed, so a bad number is a usage error before anything is opened. */
    @Option(names = "--limit", paramLabel = "N", defaultValue = "100000",
            description = "with --shared: at most this many shared masks, 1 or more (default 100000)")
    void setLimit(int n) {
        if (n < 1) {
            throw new ParameterException(spec.commandLine(), "--limit is the most shared masks to write: give a "
                    + "whole number of 1 or more (e.g. --limit 1000), not " + n);
        }
        limit = n;
    }

    @Override
    void beforeOpen() {
        if (shared != null && !filter.isEmpty()) {
            // the shared lists are read from the grouping of the whole table; grouping the rows of a
            // filter instead would be a scan of them on every export
            throw new ParameterException(spec.commandLine(), "--filter cannot be combined with --shared: the shared "
                    + "lists count the user ids of the whole table. Give --shared without --filter, or --filter "
                    + "without --shared for the matching rows.");
        }
    }

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "write here (default: standard output)")
    Path output;

    @Override
    int run(Workspace ws, PrintWriter out) throws Exception {
        LoginFilter f;
        try {
            f = LoginFilter.parse(filter);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        ExploreSort order = switch (sort.toLowerCase(java.util.Locale.ROOT)) {
            case "date" -> ExploreSort.DATE;
            case "user_id", "user" -> ExploreSort.USER_ID;
            default -> throw new ParameterException(spec.commandLine(), "--sort is date or user_id, not " + sort);
        };
        Explore explore = ws.operations().explore();
        PrintWriter err = spec.commandLine().getErr();
        if (output == null) {
            write(explore, f, order, out, false, err);
            out.flush();
            return 0;
        }
        Path part = output.resolveSibling(output.getFileName() + ".part");
        try (Writer w = new BufferedWriter(Files.newBufferedWriter(part, StandardCharsets.UTF_8))) {
            write(explore, f, order, w, true, err);
        } catch (Exception e) {
            Files.deleteIfExists(part);
            throw e;
        }
        Files.move(part, output, StandardCopyOption.REPLACE_EXISTING);
        return 0;
    }

    private void write(Explore explore, LoginFilter f, ExploreSort order, Writer w, boolean report, PrintWriter err)
            throws Exception {
        if (shared != null) {
            MaskColumn col = shared == Shared.devices ? MaskColumn.MASKED_DEVICE_ID : MaskColumn.MASKED_IP;
            SharedMasks s = explore.shared(col, 0);
            if (s.computedAt() == null) {
                err.println("Grouping the masks of user_logins (a scan of the table)…");
                explore.regroup();
                s = explore.shared(col, 0);
            }
            long n = CsvExport.shared(explore, col, limit, w, masks -> {
                if (report && masks % 100_000 == 0 && masks > 0) {
                    err.println("… " + masks + " masks");
                }
            }, () -> false);
            if (report) {
                err.println("Wrote " + n + " shared " + col.column() + " values to " + output
                        + (s.computedAt() == null ? "" : " (grouped at " + s.computedAt() + ")"));
            }
            return;
        }
        long n = CsvExport.rows(explore, f, order, w, rows -> {
            if (report && rows % 100_000 == 0 && rows > 0) {
                err.println("… " + rows + " rows");
            }
        }, () -> false);
        if (report) {
            err.println("Wrote " + n + " rows (" + f.sentence() + ") to " + output);
        }
    }
}
