package dev.drainboard.ui.shell;

import atlantafx.base.controls.Spacer;
import atlantafx.base.theme.Styles;
import dev.drainboard.ui.common.Cells;
import dev.drainboard.ui.common.ConsoleState;
import dev.drainboard.ui.connection.ConnectionDialog;
import dev.drainboard.ui.connection.ConnectionModel;
import dev.drainboard.ui.queue.QueueModel;
import dev.drainboard.ui.queue.ServerStatus;
import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableValue;
import javafx.beans.value.ObservableStringValue;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.shape.Circle;

/** The top bar: product name, SQS and PostgreSQL lights (cause on hover), mode and key fingerprint. */
public final class HeaderView {
    private HeaderView() {
    }

    public static Region build(ConsoleModel m) {
        return build(m, null);
    }

    /** With a "Connection…" button when {@code connection} is not null. */
    public static Region build(ConsoleModel m, ConnectionModel connection) {
        Label title = new Label("Drainboard");
        title.getStyleClass().add(Styles.TITLE_3);
        Label subtitle = new Label("SQS → masked → PostgreSQL");
        subtitle.getStyleClass().addAll(Styles.TEXT_MUTED);

        QueueModel q = m.queue();
        Label sqs = light("SQS", "sqs-status", q.sqsStatusProperty(), m.sqsWhereProperty(), q.sqsCauseProperty());
        Label db = light("PostgreSQL", "db-status", q.dbStatusProperty(), m.dbWhereProperty(), q.dbCauseProperty());

        Label mode = new Label();
        mode.textProperty().bind(Bindings.when(m.modeProperty().isEmpty()).then(m.startupProperty())
                .otherwise(m.modeProperty()));
        mode.getStyleClass().addAll(Styles.TEXT_BOLD);
        mode.setId("mode");
        mode.setTooltip(Cells.tip("Embedded demo: ElasticMQ and PostgreSQL run inside this app, data in the data folder. "
                + "External: your own servers from the settings."));

        Label key = new Label();
        key.setId("key-fingerprint");
        key.textProperty().bind(Bindings.when(m.fingerprintProperty().isEmpty()).then("")
                .otherwise(Bindings.concat("Mask key ", m.fingerprintProperty())));
        key.getStyleClass().add(Styles.TEXT_MUTED);
        Tooltip keyTip = Cells.tip("");
        keyTip.textProperty().bind(Bindings.concat("Fingerprint of the key that masks the fields of the mask policy. "
                + "Equal fingerprints mean equal masks. The key itself is never shown.\nMask policy: ",
                m.maskPolicyProperty()));
        key.setTooltip(keyTip);

        HBox bar = new HBox(18, title, subtitle, new Spacer(), sqs, db, mode, key);
        if (connection != null) {
            Button conn = new Button("Connection…");
            conn.setId("connection");
            conn.setTooltip(Cells.tip("Switch between the embedded demo and your own SQS and PostgreSQL, and test a "
                    + "connection before using it."));
            conn.disableProperty().bind(m.stateProperty().isNotEqualTo(ConsoleState.IDLE)
                    .and(m.stateProperty().isNotEqualTo(ConsoleState.START_FAILED)));
            conn.setOnAction(e -> ConnectionDialog.build(connection, conn.getScene().getWindow()).show());
            bar.getChildren().add(conn);
        }
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(10, 16, 10, 16));
        bar.getStyleClass().add("header-bar");
        return bar;
    }

    private static Label light(String name, String id, ObservableValue<ServerStatus> status,
                               ObservableStringValue where, ObservableStringValue cause) {
        Circle dot = new Circle(5);
        dot.styleProperty().bind(Bindings.createStringBinding(() -> "-fx-fill: " + status.getValue().colour() + ";",
                status));
        Label l = new Label();
        l.setId(id);
        l.setGraphic(dot);
        l.textProperty().bind(Bindings.createStringBinding(() -> name + " " + status.getValue().word(), status));
        Tooltip t = Cells.tip("");
        t.textProperty().bind(Bindings.concat(name, ": ", where, "\n", cause));
        l.setTooltip(t);
        l.setOnMouseClicked(e -> t.show(l, e.getScreenX(), e.getScreenY() + 14));
        return l;
    }
}
