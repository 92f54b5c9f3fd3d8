package dev.drainboard.ui.preview;

import atlantafx.base.controls.Message;
import atlantafx.base.theme.Styles;
import atlantafx.base.theme.Tweaks;
import dev.drainboard.ui.common.Cells;
import dev.drainboard.ui.common.Shortcuts;
import dev.drainboard.ui.common.Spinners;
import javafx.beans.binding.Bindings;
import javafx.collections.transformation.SortedList;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.Separator;
import javafx.scene.control.Spinner;
import javafx.scene.control.TableView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** The preview tab: fetch, inspect masked rows and rejections side by side, commit or release. */
public final class PreviewView {
    private PreviewView() {
    }

    /** Releases, after asking when the release would let SQS move messages to the dead-letter queue. */
    static void releaseAsking(PreviewModel p) {
        String warning = p.releaseWarning();
        if (warning == null) {
            p.release();
            return;
        }
        Alert ask = new Alert(Alert.AlertType.CONFIRMATION, warning, ButtonType.OK, ButtonType.CANCEL);
        ask.setTitle("Release to the dead-letter queue?");
        ask.setHeaderText("Releasing moves messages to the dead-letter queue");
        ask.getDialogPane().setId("release-confirm");
        ask.showAndWait().filter(b -> b == ButtonType.OK).ifPresent(b -> p.release());
    }

    public static VBox build(PreviewModel p, Shortcuts keys) {
        Spinner<Integer> size = Spinners.of("batch-size", 1, 100, p.batchSizeProperty().get(), 1, 90);
        size.valueProperty().addListener((o, a, b) -> p.batchSizeProperty().set(b));
        size.setTooltip(Cells.tip("How many messages to receive (1–100)"));
        size.disableProperty().bind(p.canFetch().not());

        Button fetch = keys.button("Fetch batch", "fetch", "Ctrl+F",
                "Receive messages and show them masked. Nothing is written; they stay invisible to others "
                        + "until you commit or release.", p::fetch);
        fetch.getStyleClass().add(Styles.ACCENT);
        fetch.disableProperty().bind(p.canFetch().not());
        Button commit = keys.button("Commit batch", "commit", "Ctrl+Enter",
                "Write the rows and rejections to PostgreSQL in one transaction, then delete the messages "
                        + "from the queue", p::commit);
        commit.getStyleClass().add(Styles.SUCCESS);
        commit.disableProperty().bind(p.canSettle().not());
        Button release = keys.button("Release batch", "release", "Ctrl+R",
                "Return the messages to the queue at once; nothing is written (each release counts as a receive "
                        + "towards the queue's maxReceiveCount)", () -> releaseAsking(p));
        release.disableProperty().bind(p.canSettle().not());

        CheckBox repeated = new CheckBox("Show repeated only");
        repeated.setId("repeated-only");
        repeated.selectedProperty().bindBidirectional(p.repeatedOnlyProperty());
        repeated.setTooltip(Cells.tip("Only rows whose masked ip or device id occurs more than once in this "
                + "batch, or already in PostgreSQL. Click a column header to sort, e.g. by masked_ip to group."));

        Label lease = new Label();
        lease.setId("lease");
        lease.textProperty().bind(p.leaseProperty());
        lease.getStyleClass().add(Styles.TEXT_MUTED);

        HBox bar = new HBox(10, new Label("Batch size"), size, fetch, commit, release,
                new Separator(Orientation.VERTICAL), repeated);
        bar.setAlignment(Pos.CENTER_LEFT);

        Label summary = new Label();
        summary.setId("preview-summary");
        summary.textProperty().bind(p.summaryProperty());

        SortedList<PreviewRow> sorted = new SortedList<>(p.shownRows());
        TableView<PreviewRow> table = new TableView<>(sorted);
        sorted.comparatorProperty().bind(table.comparatorProperty());
        table.setId("preview-table");
        table.getStyleClass().addAll(Styles.DENSE, Tweaks.EDGE_TO_EDGE);
        table.setPlaceholder(new Label("No batch in hand. Press Fetch batch (Ctrl+F) to receive and preview messages."));
        table.getColumns().add(Cells.mask("masked_ip", 142, PreviewRow::maskedIp,
                r -> r.ipRepeats() > 1 || r.ipSeen() > 0));
        table.getColumns().add(Cells.mask("masked_device_id", 142, PreviewRow::maskedDeviceId,
                r -> r.deviceRepeats() > 1 || r.deviceSeen() > 0));
        table.getColumns().add(Cells.text("in this batch", 108, PreviewRow::repeatsInBatch));
        table.getColumns().add(Cells.text("stored", 118, PreviewRow::seenBefore));
        table.getColumns().add(Cells.text("receives", 120, PreviewRow::receives));
        table.getColumns().add(Cells.text("user_id", 100, PreviewRow::userId));
        table.getColumns().add(Cells.text("device_type", 95, PreviewRow::deviceType));
        table.getColumns().add(Cells.text("locale", 58, PreviewRow::locale));
        table.getColumns().add(Cells.text("app_version", 95, PreviewRow::appVersion));
        table.getColumns().add(Cells.text("create_date", 95, PreviewRow::createDate));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> p.select(b));
        VBox.setVgrow(table, Priority.ALWAYS);

        TableView<PreviewRejection> rejected = new TableView<>(p.rejectedRows());
        rejected.setId("preview-rejections");
        rejected.getStyleClass().addAll(Styles.DENSE, Tweaks.EDGE_TO_EDGE, "rejected-table");
        rejected.getColumns().add(Cells.text("rejected in this batch: reason", 430, PreviewRejection::reason));
        rejected.getColumns().add(Cells.text("message id", 300, PreviewRejection::messageId));
        rejected.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        rejected.setPrefHeight(112);
        rejected.setMinHeight(80);
        rejected.visibleProperty().bind(Bindings.isNotEmpty(p.rejectedRows()));
        rejected.managedProperty().bind(rejected.visibleProperty());

        Message expired = new Message("Lease ran out", PreviewModel.LEASE_RAN_OUT);
        expired.setId("lease-expired");
        expired.getStyleClass().add(Styles.WARNING);
        expired.visibleProperty().bind(p.leaseExpiredProperty());
        expired.managedProperty().bind(expired.visibleProperty());

        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox info = new HBox(16, summary, gap, lease);
        VBox box = new VBox(10, bar, expired, info, table, rejected);
        box.setPadding(new Insets(12));
        return box;
    }
}
