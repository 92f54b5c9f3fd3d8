package dev.drainboard.app;

import dev.drainboard.config.MaskScheme;
import dev.drainboard.model.ExploreSort;
import dev.drainboard.model.LoginFilter;
import dev.drainboard.model.MaskColumn;
import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Writes explore results as RFC 4180 CSV (commons-csv, CRLF, quotes where needed) with a header
 * row. Only masked values leave: a value in a masked column that does not carry a mask scheme's
 * prefix (a table that was never masked) is written as {@link #WITHHELD}, never as itself. Text
 * that came from a message and starts like a spreadsheet formula is {@link #defused} (OWASP "CSV
 * injection"); masks and {@link #WITHHELD} never start that way.
 */
public final class CsvExport {
    public static final List<String> ROW_HEADER = List.of("user_id", "device_type", "masked_ip", "masked_device_id",
            "locale", "app_version", "create_date");
    public static final List<String> SHARED_HEADER = List.of("mask_column", "mask", "users", "rows", "first_date",
            "last_date");
    /** What a masked column holds in the file when its value is not a mask. */
    public static final String WITHHELD = "(withheld: not a mask)";
    /** Progress is reported every this many rows. */
    public static final int PROGRESS_EVERY = 1000;

    /** Rows written so far, from the exporting thread. */
    public interface Progress {
        void rows(long written);
    }

    private CsvExport() {
    }

    /**
     * Writes every row matching {@code filter} to {@code out}; checks {@code cancelled} between
     * rows and throws {@link CancellationException} when it turns true. Returns the rows written.
     */
    public static long rows(Explore explore, LoginFilter filter, ExploreSort sort, Writer out, Progress progress,
                            BooleanSupplier cancelled) throws IOException {
        CSVPrinter csv = new CSVPrinter(out, format(ROW_HEADER));
        long[] n = {0};
        explore.forEach(filter, sort, r -> {
                if (cancelled.getAsBoolean()) {
                    throw new CancellationException("export cancelled after " + n[0] + " rows");
                }
                csv.printRecord(defused(r.userId()), defused(r.deviceType()), masked(r.maskedIp()),
                        masked(r.maskedDeviceId()), defused(r.locale()), defused(r.appVersion()), r.createDate());
                n[0]++;
                if (n[0] % PROGRESS_EVERY == 0) {
                    progress.rows(n[0]);
                }
                return true;
        });
        csv.flush();
        progress.rows(n[0]);
        return n[0];
    }

    /**
     * Writes every mask of {@code column} used by two or more user ids (the stored grouping, made
     * fresh first where {@link Explore#shared} does so), most users first, at most {@code limit} of
     * them, streamed page by page; checks {@code cancelled} between masks and throws
     * {@link CancellationException} when it turns true. Returns the masks written.
     */
    public static long shared(Explore explore, MaskColumn column, long limit, Writer out, Progress progress,
                              BooleanSupplier cancelled) throws IOException {
        explore.shared(column, 0); // regroups a small table that changed, as the list on screen does
        CSVPrinter csv = new CSVPrinter(out, format(SHARED_HEADER));
        long[] n = {0};
        if (limit > 0) {
            explore.forEachShared(column, m -> {
                if (cancelled.getAsBoolean()) {
                    throw new CancellationException("export cancelled after " + n[0] + " masks");
                }
                csv.printRecord(m.column().column(), masked(m.mask()), m.users(), m.rows(), m.first(), m.last());
                n[0]++;
                if (n[0] % PROGRESS_EVERY == 0) {
                    progress.rows(n[0]);
                }
                return n[0] < limit;
            });
        }
        csv.flush();
        progress.rows(n[0]);
        return n[0];
    }

    /** RFC 4180 with the given header. */
    static CSVFormat format(List<String> header) {
        return CSVFormat.RFC4180.builder().setHeader(header.toArray(new String[0])).get();
    }

    /** First characters that make a spreadsheet read a cell as a formula (OWASP: CSV injection). */
    private static final String FORMULA_START = "=+-@\t\r";

    /**
     * {@code value} with a single quote in front when it starts with {@code = + - @}, a tab or a
     * carriage return, so that a spreadsheet opening the file shows it as text instead of running it
     * as a formula; any other value (and null) unchanged. For every text column that carries
     * message data (user id, device type, locale, app version).
     */
    public static String defused(String value) {
        if (value == null || value.isEmpty() || FORMULA_START.indexOf(value.charAt(0)) < 0) {
            return value;
        }
        return "'" + value;
    }

    /** The value when it is a mask (or null); {@link #WITHHELD} otherwise. */
    public static String masked(String value) {
        if (value == null) {
            return null;
        }
        for (MaskScheme s : MaskScheme.values()) {
            if (value.startsWith(s.prefix())) {
                return value;
            }
        }
        return WITHHELD;
    }

}
