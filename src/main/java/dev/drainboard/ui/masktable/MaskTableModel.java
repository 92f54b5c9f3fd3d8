package dev.drainboard.ui.masktable;

import dev.drainboard.app.TableMasking;
import dev.drainboard.model.ColumnMask;
import dev.drainboard.model.MaskTableDryRun;
import dev.drainboard.model.MaskTableResult;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import dev.drainboard.ui.common.Session;
import dev.drainboard.ui.common.Tasks;

/**
 * The "Mask an existing table..." action: a dry run first (counts and masked output only), then,
 * once the operator confirmed, the in-place masking with progress and a Stop that ends it after
 * the batch in hand (a later run resumes). UI thread only; the work runs through {@link Tasks}.
 */
public final class MaskTableModel {
    private final Session session;
    private final StringProperty table = new SimpleStringProperty("user_logins");
    private final ReadOnlyStringWrapper dryRunText = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(0);
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper canMask = new ReadOnlyBooleanWrapper(false);
    private final AtomicBoolean stop = new AtomicBoolean();
    private String checkedTable;

    public MaskTableModel(Session session) {
        this.session = session;
        table.addListener((o, a, b) -> canMask.set(false));
    }

    /** Counts what would change in the table; enables {@link #mask()} when there is something to do. */
    public void dryRun() {
        if (running.get() || !session.connected()) {
            return;
        }
        String t = table.get() == null ? "" : table.get().strip();
        TableMasking masking = session.operations().tableMasking();
        running.set(true);
        canMask.set(false);
        status.set("Counting raw values in " + t + "…");
        session.tasks().run("mask-table dry run", () -> masking.dryRun(t), d -> {
            running.set(false);
            dryRunText.set(describe(d));
            checkedTable = t;
            canMask.set(d.totalValuesToChange() > 0);
            status.set(d.totalValuesToChange() > 0 ? "Nothing written yet. Mask them to write masks in place."
                    : "Nothing to do.");
        }, e -> {
            running.set(false);
            dryRunText.set("");
            status.set(e.getMessage());
        });
    }

    /** Masks the table checked by the last dry run, in place; the view asks for confirmation first. */
    public void mask() {
        if (running.get() || !canMask.get() || checkedTable == null) {
            return;
        }
        String t = checkedTable;
        TableMasking masking = session.operations().tableMasking();
        stop.set(false);
        running.set(true);
        canMask.set(false);
        progress.set(0);
        status.set("Masking " + t + "…");
        session.log().add("Mask table: started on " + t);
        session.tasks().run("mask-table", () -> masking.run(t, p -> session.tasks().onUi(() -> {
            progress.set(p.fraction());
            status.set(String.format(Locale.ROOT, "Masking %s: page %,d of %,d, %,d values masked, ETA %s", t,
                    p.pagesDone(), p.pagesTotal(), p.valuesChanged(),
                    p.eta().map(d -> d.toSeconds() + " s").orElse("…")));
        }), stop::get), r -> {
            running.set(false);
            progress.set(r.finished() ? 1 : progress.get());
            status.set(summary(r));
            session.log().add("Mask table: " + summary(r));
            session.storedChanged();
        }, e -> {
            running.set(false);
            status.set("Stopped by an error (the batches committed so far are kept; run again to continue): "
                    + e.getMessage());
        });
    }

    /** Ends the run after the batch in hand; its progress is kept. */
    public void stop() {
        if (running.get()) {
            stop.set(true);
            status.set("Stopping after the batch in hand…");
        }
    }

    static String describe(MaskTableDryRun d) {
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "%s: %,d rows, %,d would change%n", d.table(),
                d.rows(), d.rowsToChange()));
        for (ColumnMask c : d.columns()) {
            b.append(String.format(Locale.ROOT, "  %s: %,d values to mask, %,d already masked%n", c.column(),
                    d.valuesToChange().get(c.column()), d.alreadyMasked().get(c.column())));
        }
        if (!d.sample().isEmpty()) {
            b.append("As they would be stored (masked output only):\n");
            for (List<String> row : d.sample()) {
                b.append("  ").append(String.join("   ", row.stream().map(v -> v == null ? "NULL" : v).toList()))
                        .append('\n');
            }
        }
        return b.toString().stripTrailing();
    }

    private static String summary(MaskTableResult r) {
        return String.format(Locale.ROOT, "%s %s: %,d values masked in %,d rows%s", r.finished() ? "Masked"
                : "Stopped masking", r.table(), r.valuesChanged(), r.rowsChanged(),
                r.finished() ? "." : ". Progress is saved: mask again to continue.");
    }

    public StringProperty tableProperty() {
        return table;
    }

    public ReadOnlyStringProperty dryRunProperty() {
        return dryRunText.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    /** True after a dry run that found raw values, until the table name changes or a run starts. */
    public ReadOnlyBooleanProperty canMaskProperty() {
        return canMask.getReadOnlyProperty();
    }
}
