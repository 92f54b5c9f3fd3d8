package dev.drainboard.ui.stored;

import atlantafx.base.theme.Styles;
import atlantafx.base.theme.Tweaks;
import dev.drainboard.model.MaskGroup;
import dev.drainboard.ui.common.Cells;
import dev.drainboard.ui.reveal.RevealModel;
import dev.drainboard.ui.reveal.RevealView;
import javafx.collections.ObservableList;
import javafx.collections.transformation.SortedList;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** The committed tab (latest rows and top repeated masks) and the rejections tab (with Replay). */
public final class StoredView {

    private StoredView() {
    }

    public static VBox committed(StoredModel s, RevealModel reveal) {
        SortedList<CommittedRow> sorted = new SortedList<>(s.latest());
        TableView<CommittedRow> rows = new TableView<>(sorted);
        sorted.comparatorProperty().bind(rows.comparatorProperty());
        rows.setId("committed-table");
        rows.getStyleClass().addAll(Styles.DENSE, Tweaks.EDGE_TO_EDGE);
        rows.setPlaceholder(new Label("Nothing committed yet."));
        rows.getColumns().add(Cells.mask("masked_ip", 142, CommittedRow::maskedIp, r -> true));
        rows.getColumns().add(Cells.mask("masked_device_id", 142, CommittedRow::maskedDeviceId, r -> true));
        rows.getColumns().add(Cells.text("user_id", 80, CommittedRow::userId));
        rows.getColumns().add(Cells.text("device", 62, CommittedRow::deviceType));
        rows.getColumns().add(Cells.text("locale", 52, CommittedRow::locale));
        rows.getColumns().add(Cells.text("app_version", 85, CommittedRow::appVersion));
        rows.getColumns().add(Cells.text("create_date", 90, CommittedRow::createDate));
        rows.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);

        TableView<MaskGroup> ipGroups = groups("ip-groups", s.ipGroups());
        TableView<MaskGroup> deviceGroups = groups("device-groups", s.deviceGroups());
        VBox groups = new VBox(8, groupTitle("Top repeated masked_ip"), ipGroups,
                groupTitle("Top repeated masked_device_id"), deviceGroups);
        groups.setPadding(new Insets(0, 0, 0, 10));
        SplitPane split = new SplitPane(rows, groups);
        split.setDividerPositions(0.73);
        VBox.setVgrow(split, Priority.ALWAYS);
        VBox box = tab(s, "Latest rows of user_logins, newest first; masks repeated across all stored rows on the "
                + "right.", split);
        ((HBox) box.getChildren().get(0)).getChildren().add(RevealView.action(reveal, rows, CommittedRow::maskedIp,
                CommittedRow::maskedDeviceId, ipGroups, deviceGroups));
        box.getChildren().add(1, RevealView.unavailableNote(reveal));
        return box;
    }

    public static VBox rejections(StoredModel s) {
        TableView<RejectionRow> table = new TableView<>(s.rejections());
        table.setId("rejections-table");
        table.getStyleClass().addAll(Styles.DENSE, Tweaks.EDGE_TO_EDGE);
        table.setPlaceholder(new Label("No rejected messages."));
        table.getColumns().add(Cells.text("time", 115, RejectionRow::time));
        table.getColumns().add(Cells.text("reason", 320, RejectionRow::reason));
        table.getColumns().add(Cells.text("message id", 280, RejectionRow::messageId));
        table.getColumns().add(Cells.text("body (redacted)", 220, RejectionRow::summary));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        VBox.setVgrow(table, Priority.ALWAYS);

        Button replay = new Button("Replay selected");
        replay.setId("replay");
        replay.setTooltip(Cells.tip("Move the selected message from the dead-letter queue back to the queue, "
                + "e.g. after fixing its producer. Its rejection record stays, and the ledger skips it if it "
                + "was already handled."));
        replay.disableProperty().bind(s.canReplay().not()
                .or(table.getSelectionModel().selectedItemProperty().isNull()));
        replay.setOnAction(e -> s.replay(table.getSelectionModel().getSelectedItem()));
        replay.setMinWidth(Region.USE_PREF_SIZE);
        VBox box = tab(s, "Messages that cannot become a row. Their raw bodies stay in the dead-letter queue; "
                + "PostgreSQL keeps only the reason.", table);
        ((HBox) box.getChildren().get(0)).getChildren().add(replay);
        return box;
    }

    private static VBox tab(StoredModel s, String help, javafx.scene.Node content) {
        Button refresh = new Button("Refresh");
        refresh.setOnAction(e -> s.refresh());
        refresh.setMinWidth(Region.USE_PREF_SIZE);
        refresh.setTooltip(Cells.tip("Read PostgreSQL again (it also refreshes after every commit)"));
        Label info = new Label(help);
        info.getStyleClass().add(Styles.TEXT_MUTED);
        info.setWrapText(true);
        HBox.setHgrow(info, Priority.ALWAYS);
        info.setMaxWidth(Double.MAX_VALUE);
        HBox bar = new HBox(10, info, refresh);
        bar.setAlignment(Pos.CENTER_LEFT);
        VBox box = new VBox(10, bar, content);
        box.setPadding(new Insets(12));
        return box;
    }

    private static Label groupTitle(String s) {
        Label l = new Label(s);
        l.getStyleClass().add(Styles.TEXT_BOLD);
        return l;
    }

    private static TableView<MaskGroup> groups(String id, ObservableList<MaskGroup> items) {
        TableView<MaskGroup> t = new TableView<>(items);
        t.setId(id);
        t.getStyleClass().addAll(Styles.DENSE, Tweaks.EDGE_TO_EDGE);
        t.setPlaceholder(new Label("No repeated values yet."));
        t.getColumns().add(Cells.mask("mask", 170, MaskGroup::mask, g -> true));
        t.getColumns().add(Cells.text("rows", 55, g -> Long.toString(g.count())));
        t.getColumns().forEach(c -> c.setSortable(false));
        t.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        VBox.setVgrow(t, Priority.ALWAYS);
        return t;
    }
}
