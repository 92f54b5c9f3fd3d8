package dev.drainboard.ui.masktable;

import atlantafx.base.theme.Styles;
import dev.drainboard.ui.common.Cells;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Modality;
import javafx.stage.Stage;
import javafx.stage.Window;

/** The "Mask an existing table…" window: dry run, confirm, progress, Stop. Built in code, bound to {@link MaskTableModel}. */
public final class MaskTableView {
    private MaskTableView() {
    }

    /** Adds the action's button to the header row (the first HBox) of {@code tab}; returns the tab. */
    public static VBox withAction(VBox tab, MaskTableModel m) {
        Button open = new Button("Mask an existing table…");
        open.setId("mask-table-open");
        open.setTooltip(Cells.tip("Mask, in place, the raw ip and device_id values an earlier loader left in a "
                + "table (masked_ip, masked_device_id). Shows a dry run first; resumable; the same as "
                + "`drainboard mask-table`."));
        open.setOnAction(e -> show(open.getScene() == null ? null : open.getScene().getWindow(), m));
        if (!tab.getChildren().isEmpty() && tab.getChildren().get(0) instanceof HBox header) {
            header.getChildren().add(open);
        } else {
            tab.getChildren().add(0, open);
        }
        return tab;
    }

    static Stage show(Window owner, MaskTableModel m) {
        TextField table = new TextField();
        table.setId("mask-table-name");
        table.textProperty().bindBidirectional(m.tableProperty());
        Button dry = new Button("Dry run");
        dry.setId("mask-table-dry-run");
        dry.disableProperty().bind(m.runningProperty());
        dry.setOnAction(e -> m.dryRun());
        Label name = new Label("Table");
        name.setMinWidth(Region.USE_PREF_SIZE);
        dry.setMinWidth(Region.USE_PREF_SIZE);
        HBox.setHgrow(table, Priority.ALWAYS);
        HBox top = new HBox(10, name, table, dry);
        top.setAlignment(Pos.CENTER_LEFT);
        Label columns = new Label("Columns masked_ip (as ip, canonicalised) and masked_device_id (as device_id). "
                + "Values that already carry a mask (v1:, v2:) are left alone.");
        columns.setWrapText(true);
        columns.getStyleClass().add(Styles.TEXT_MUTED);

        TextArea result = new TextArea();
        result.setId("mask-table-dry-run-result");
        result.setEditable(false);
        result.textProperty().bind(m.dryRunProperty());
        result.getStyleClass().add(Styles.TEXT_SMALL);
        VBox.setVgrow(result, Priority.ALWAYS);

        ProgressBar bar = new ProgressBar();
        bar.setId("mask-table-progress");
        bar.progressProperty().bind(m.progressProperty());
        bar.setMaxWidth(Double.MAX_VALUE);
        Label status = new Label();
        status.setId("mask-table-status");
        status.setWrapText(true);
        status.textProperty().bind(m.statusProperty());

        Stage stage = new Stage();
        Button mask = new Button("Mask in place…");
        mask.setId("mask-table-run");
        mask.getStyleClass().add(Styles.DANGER);
        mask.disableProperty().bind(m.canMaskProperty().not().or(m.runningProperty()));
        mask.setOnAction(e -> {
            Alert ask = new Alert(Alert.AlertType.CONFIRMATION, "Mask the raw values counted by the dry run, in place? "
                    + "This rewrites the stored values; it cannot be undone. A stop or crash keeps what was done, and "
                    + "a later run continues.", ButtonType.OK, ButtonType.CANCEL);
            ask.initOwner(stage);
            ask.setHeaderText("Mask " + m.tableProperty().get() + " in place");
            ask.showAndWait().filter(b -> b == ButtonType.OK).ifPresent(b -> m.mask());
        });
        Button stop = new Button("Stop");
        stop.setId("mask-table-stop");
        stop.disableProperty().bind(m.runningProperty().not());
        stop.setOnAction(e -> m.stop());
        Button close = new Button("Close");
        close.setCancelButton(true);
        close.disableProperty().bind(m.runningProperty());
        close.setOnAction(e -> stage.hide());
        HBox bottom = new HBox(10, mask, stop, close);
        bottom.setAlignment(Pos.CENTER_RIGHT);

        VBox box = new VBox(10, top, columns, result, bar, status, bottom);
        box.setPadding(new Insets(16));
        Scene scene = new Scene(box, 720, 420);
        if (owner != null) {
            scene.getStylesheets().addAll(owner.getScene().getRoot().getStylesheets());
            stage.initOwner(owner);
            stage.initModality(Modality.WINDOW_MODAL);
        }
        stage.setTitle("Mask an existing table");
        stage.setScene(scene);
        // closing while a run goes on would hide its progress: stop it first (the window's close is disabled)
        stage.setOnCloseRequest(e -> {
            if (m.runningProperty().get()) {
                m.stop();
            }
        });
        stage.setOnHidden(e -> table.textProperty().unbindBidirectional(m.tableProperty()));
        stage.show();
        return stage;
    }
}
