package dev.drainboard.ui.reveal;

import atlantafx.base.theme.Styles;
import atlantafx.base.theme.Tweaks;
import dev.drainboard.model.MaskColumn;
import dev.drainboard.model.MaskGroup;
import dev.drainboard.ui.common.Cells;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Modality;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * The Reveal… action of the committed view and its dialog. The dialog is a window of its own, so
 * revealed values never appear in a snapshot of the main window, and it clears them when it closes.
 */
public final class RevealView {
    private RevealView() {
    }

    /** The Reveal… menu: the selected row's masked_ip or masked_device_id, or a selected top mask. */
    public static <R> MenuButton action(RevealModel r, TableView<R> rows, Function<R, String> maskedIp,
                                        Function<R, String> maskedDeviceId, TableView<MaskGroup> ipGroups,
                                        TableView<MaskGroup> deviceGroups) {
        MenuButton menu = new MenuButton("Reveal…");
        menu.setId("reveal");
        menu.setMinWidth(Region.USE_PREF_SIZE);
        menu.disableProperty().bind(r.canOpen().not());
        Tooltip tip = Cells.tip("");
        tip.textProperty().bind(Bindings.when(r.availableProperty())
                .then("Show the original value behind a v2: mask, for a stated reason. Every reveal is audited in "
                        + "drainboard_reveals.").otherwise(r.unavailableProperty()));
        menu.setTooltip(tip);
        menu.getItems().addAll(
                item("reveal-row-ip", "masked_ip of the selected row…", r, rows, MaskColumn.MASKED_IP,
                        maskedIp, menu),
                item("reveal-row-device", "masked_device_id of the selected row…", r, rows,
                        MaskColumn.MASKED_DEVICE_ID, maskedDeviceId, menu),
                item("reveal-ip-group", "the selected top repeated masked_ip…", r, ipGroups, MaskColumn.MASKED_IP,
                        MaskGroup::mask, menu),
                item("reveal-device-group", "the selected top repeated masked_device_id…", r, deviceGroups,
                        MaskColumn.MASKED_DEVICE_ID, MaskGroup::mask, menu));
        return menu;
    }

    /** Why Reveal is off and how to turn it on; shown only then (a disabled button shows no tooltip). */
    public static Label unavailableNote(RevealModel r) {
        Label note = new Label();
        note.setId("reveal-unavailable");
        note.textProperty().bind(r.unavailableProperty());
        note.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
        note.setWrapText(true);
        note.setMinHeight(Region.USE_PREF_SIZE);
        note.visibleProperty().bind(r.unavailableProperty().isNotEmpty());
        note.managedProperty().bind(note.visibleProperty());
        return note;
    }

    private static <S> MenuItem item(String id, String text, RevealModel r, TableView<S> table, MaskColumn column,
                                     Function<S, String> mask, MenuButton owner) {
        MenuItem item = new MenuItem(text);
        item.setId(id);
        item.disableProperty().bind(table.getSelectionModel().selectedItemProperty().isNull());
        item.setOnAction(e -> {
            S selected = table.getSelectionModel().getSelectedItem();
            if (selected != null) {
                r.open(column, mask.apply(selected));
                show(owner.getScene().getWindow(), r);
            }
        });
        return item;
    }

    /** Opens the dialog for the mask {@link RevealModel#open} was given. */
    public static Stage show(Window owner, RevealModel r) {
        Label target = new Label();
        target.setId("reveal-target");
        target.textProperty().bind(r.targetProperty());
        target.getStyleClass().add(Styles.TEXT_BOLD);
        target.setWrapText(true);
        target.setMinHeight(Region.USE_PREF_SIZE);
        Label warning = new Label("Revealed values are personal data: they are shown in this window only, never "
                + "logged, and forgotten when it closes. Only v2: (siv) masks can be revealed.");
        warning.getStyleClass().add(Styles.TEXT_MUTED);
        warning.setWrapText(true);
        warning.setMinHeight(Region.USE_PREF_SIZE);

        TextField reason = new TextField();
        reason.setId("reveal-reason");
        reason.setPromptText("Reason (required), e.g. fraud case F-17, approved by J. Doe");
        reason.textProperty().bindBidirectional(r.reasonProperty());
        HBox.setHgrow(reason, Priority.ALWAYS);
        Button run = new Button("Reveal");
        run.setId("reveal-run");
        run.getStyleClass().add(Styles.DANGER);
        run.setDefaultButton(true);
        run.setMinWidth(Region.USE_PREF_SIZE);
        run.disableProperty().bind(r.runningProperty().or(r.availableProperty().not()));
        run.setOnAction(e -> r.reveal());
        HBox ask = new HBox(10, reason, run);
        ask.setAlignment(Pos.CENTER_LEFT);

        Label status = new Label();
        status.setId("reveal-status");
        status.textProperty().bind(r.statusProperty());
        status.setWrapText(true);
        status.setMinHeight(Region.USE_PREF_SIZE);

        TableView<RevealRow> table = new TableView<>(r.rows());
        table.setId("reveal-table");
        table.getStyleClass().addAll(Styles.DENSE, Tweaks.EDGE_TO_EDGE);
        table.setPlaceholder(new Label("Nothing revealed yet."));
        table.getColumns().add(Cells.text("user_id", 110, RevealRow::userId));
        table.getColumns().add(Cells.text("device", 70, RevealRow::deviceType));
        table.getColumns().add(Cells.text("create_date", 90, RevealRow::createDate));
        table.getColumns().add(Cells.text("original value", 260, RevealRow::value));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        VBox.setVgrow(table, Priority.ALWAYS);

        Stage stage = new Stage();
        Button close = new Button("Close");
        close.setId("reveal-close");
        close.setCancelButton(true);
        close.setOnAction(e -> stage.hide());
        HBox bottom = new HBox(close);
        bottom.setAlignment(Pos.CENTER_RIGHT);

        VBox box = new VBox(10, target, warning, ask, status, table, bottom);
        box.setPadding(new Insets(16));
        Scene scene = new Scene(box, 680, 420);
        if (owner != null) {
            scene.getStylesheets().addAll(owner.getScene().getRoot().getStylesheets());
            stage.initOwner(owner);
            stage.initModality(Modality.WINDOW_MODAL);
        }
        stage.setTitle("Reveal masked values (audited)");
        stage.setScene(scene);
        stage.setOnHidden(e -> {
            reason.textProperty().unbindBidirectional(r.reasonProperty());
            table.setItems(null);
            r.close();
        });
        stage.show();
        return stage;
    }
}
