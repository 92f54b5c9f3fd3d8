package dev.drainboard.ui.drain;

import atlantafx.base.theme.Styles;
import dev.drainboard.ui.common.Shortcuts;
import dev.drainboard.ui.common.Spinners;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Spinner;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** Drain all / Drain N / Stop with the whole-drain and batch progress, throughput, ETA and counts. */
public final class DrainView {
    private DrainView() {
    }

    public static VBox build(DrainModel d, Shortcuts keys) {
        Button all = keys.button("Drain all", "drain-all", "Ctrl+D",
                "Receive, mask, write and delete until the queue is empty, in the background", d::drainAll);
        all.getStyleClass().add(Styles.ACCENT);
        all.disableProperty().bind(d.canDrain().not());
        Spinner<Integer> n = Spinners.of("drain-count", 1, 10_000_000, d.drainCountProperty().get(), 100, 110);
        n.valueProperty().addListener((o, a, b) -> d.drainCountProperty().set(b));
        n.disableProperty().bind(d.canDrain().not());
        Button some = keys.button("Drain N", "drain-n", "Ctrl+N", "Drain at most this many messages", d::drainN);
        some.disableProperty().bind(d.canDrain().not());
        Button stop = keys.button("Stop", "stop", "Esc",
                "Finish the commit in flight and return the rest to the queue. Nothing is lost.", d::stop);
        stop.getStyleClass().add(Styles.DANGER);
        stop.disableProperty().bind(d.canStop().not());

        HBox buttons = new HBox(10, all, n, some, stop);
        buttons.setAlignment(Pos.CENTER_LEFT);

        ProgressBar whole = bar("drain-progress", d.progressProperty());
        ProgressBar batch = bar("batch-progress", d.batchProgressProperty());
        batch.getStyleClass().add(Styles.SMALL);

        GridPane grid = new GridPane();
        grid.setHgap(12);
        grid.setVgap(6);
        grid.addRow(0, muted("Whole drain"), whole, label("drain-text", d.progressTextProperty()));
        grid.addRow(1, muted("Current batch"), batch, label("batch-text", d.batchTextProperty()));
        GridPane.setHgrow(whole, Priority.ALWAYS);
        GridPane.setHgrow(batch, Priority.ALWAYS);

        HBox stats = new HBox(24, pair("Throughput", label("drain-rate", d.rateProperty())),
                pair("ETA", label("drain-eta", d.etaProperty())),
                pair("Counts", label("drain-counts", d.countsProperty())));
        Label status = label("drain-status", d.statusProperty());
        status.getStyleClass().add(Styles.WARNING);
        status.visibleProperty().bind(d.statusProperty().isNotEmpty());
        status.managedProperty().bind(status.visibleProperty());

        VBox box = new VBox(8, buttons, grid, stats, status);
        box.setPadding(new Insets(12));
        return box;
    }

    private static ProgressBar bar(String id, javafx.beans.value.ObservableDoubleValue v) {
        ProgressBar b = new ProgressBar();
        b.setId(id);
        b.progressProperty().bind(v);
        b.setMaxWidth(Double.MAX_VALUE);
        b.setPrefWidth(360);
        return b;
    }

    private static HBox pair(String name, Label value) {
        HBox h = new HBox(6, muted(name), value);
        h.setAlignment(Pos.BASELINE_LEFT);
        return h;
    }

    private static Label muted(String s) {
        Label l = new Label(s);
        l.getStyleClass().add(Styles.TEXT_MUTED);
        return l;
    }

    private static Label label(String id, javafx.beans.value.ObservableStringValue v) {
        Label l = new Label();
        l.setId(id);
        l.textProperty().bind(v);
        return l;
    }
}
