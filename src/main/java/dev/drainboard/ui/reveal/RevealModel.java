package dev.drainboard.ui.reveal;

import dev.drainboard.app.Operations;
import dev.drainboard.model.MaskColumn;
import dev.drainboard.pipeline.Reveal;
import dev.drainboard.ui.common.ConsoleState;
import dev.drainboard.ui.common.Problems;
import dev.drainboard.ui.common.Session;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Reveal action of the committed view: an authorized operator states a reason and sees the
 * original values behind one mask. Only the rows carrying that mask are shown, and only that
 * column; the audit row is written before they arrive. Revealed values live in {@link #rows()}
 * only until {@link #close()}, and never reach the activity log. UI thread only.
 */
public final class RevealModel {
    private final Session session;
    private final ReadOnlyBooleanWrapper available = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper unavailable = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper target = new ReadOnlyStringWrapper("");
    private final StringProperty reason = new SimpleStringProperty("");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(false);
    private final ObservableList<RevealRow> rows = FXCollections.observableArrayList();
    private final ObservableList<RevealRow> readOnlyRows = FXCollections.unmodifiableObservableList(rows);
    private MaskColumn column;
    private String mask;
    /** Bumped on every open and close, so a result that arrives after the dialog closed is dropped. */
    private int generation;

    public RevealModel(Session session) {
        this.session = session;
    }

    /** Called once the facade is open: is there a keyset, and if not, why not. */
    public void connected(Operations b) {
        boolean can = b.reveals().canReveal();
        available.set(can);
        unavailable.set(can ? "" : "Reveal is off. " + b.reveals().unavailableReason());
    }

    /** Starts a reveal of the value behind {@code value} in {@code c}; clears any earlier one. */
    public void open(MaskColumn c, String value) {
        close();
        if (c == null || value == null || value.isBlank()) {
            return;
        }
        column = c;
        mask = value;
        target.set(c.column() + " = " + value);
        status.set("State why you need the original value. The reason, your OS user and this mask are written to "
                + "drainboard_reveals before anything is shown.");
    }

    /** Reveals the value behind the open mask, if a reason is given; the audit row is written first. */
    public void reveal() {
        if (running.get() || mask == null) {
            return;
        }
        if (!available.get()) {
            status.set(unavailable.get());
            return;
        }
        String why = reason.get() == null ? "" : reason.get().strip();
        if (why.isEmpty()) {
            status.set("A reason is required: say why these values must be revealed (e.g. a ticket or case number). "
                    + "Nothing was revealed.");
            return;
        }
        int asked = ++generation;
        MaskColumn c = column;
        String m = mask;
        running.set(true);
        status.set("Revealing…");
        session.tasks().run("reveal masked values", () -> session.operations().reveals().reveal(c, m, why), r -> {
            session.log().add("Revealed " + r.rows().size() + " rows (reason recorded in drainboard_reveals)");
            if (asked == generation) {
                running.set(false);
                show(r, c == MaskColumn.MASKED_IP);
            }
        }, e -> {
            session.log().add(Problems.describe("reveal masked values", e));
            if (asked == generation) {
                running.set(false);
                status.set(Problems.describe("reveal", e));
            }
        });
    }

    private void show(Reveal r, boolean ip) {
        r.rows().forEach(row -> rows.add(RevealRow.of(row, ip)));
        int n = r.rows().size();
        status.set((n == 1 ? "1 row carries" : n + " rows carry") + " this mask: " + r.revealedCount() + " revealed, "
                + r.notRecoverableCount() + " not recoverable"
                + (r.notRecoverableCount() > 0 ? " (v1 masks are one-way HMACs; a v2 mask needs the key that made it)"
                : "") + (r.truncated() ? ". Only the first rows are shown" : "")
                + ". Audit row written to drainboard_reveals.");
    }

    /** Forgets the revealed values, the reason and the mask (the dialog closed). */
    public void close() {
        generation++;
        rows.clear();
        reason.set("");
        status.set("");
        target.set("");
        running.set(false);
        column = null;
        mask = null;
    }

    /** The Reveal… action is offered when a keyset exists and the console is connected. */
    public BooleanBinding canOpen() {
        return available.getReadOnlyProperty().and(Bindings.createBooleanBinding(() -> {
            ConsoleState s = session.state();
            return s != ConsoleState.STARTING && s != ConsoleState.START_FAILED && s != ConsoleState.CLOSED;
        }, session.stateProperty()));
    }

    public ReadOnlyBooleanProperty availableProperty() {
        return available.getReadOnlyProperty();
    }

    /** Why Reveal is off, and how to turn it on; "" when it is on (or before the facade is open). */
    public ReadOnlyStringProperty unavailableProperty() {
        return unavailable.getReadOnlyProperty();
    }

    /** "masked_ip = v2:…": what is being revealed. */
    public ReadOnlyStringProperty targetProperty() {
        return target.getReadOnlyProperty();
    }

    /** The operator's reason; required. */
    public StringProperty reasonProperty() {
        return reason;
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    /** The revealed rows; empty until a reveal succeeded, and again once closed. */
    public ObservableList<RevealRow> rows() {
        return readOnlyRows;
    }
}
