package dev.drainboard.ui.connection;

import atlantafx.base.theme.Styles;
import javafx.beans.property.StringProperty;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/** The "Connection…" dialog: five fields, Test connection (results per server) and Use these settings. */
public final class ConnectionDialog {
    private ConnectionDialog() {
    }

    public static Dialog<ButtonType> build(ConnectionModel c, Window owner) {
        GridPane grid = new GridPane();
        grid.setHgap(10);
        grid.setVgap(8);
        row(grid, 0, "SQS endpoint", "conn-sqs-endpoint", new TextField(), c.sqsEndpointProperty(),
                "blank = embedded ElasticMQ");
        row(grid, 1, "Queue", "conn-queue", new TextField(), c.queueProperty(), "login-queue");
        row(grid, 2, "JDBC URL", "conn-jdbc-url", new TextField(), c.jdbcUrlProperty(),
                "blank = embedded PostgreSQL");
        row(grid, 3, "DB user", "conn-db-user", new TextField(), c.dbUserProperty(), "postgres");
        row(grid, 4, "DB password", "conn-db-password", new PasswordField(), c.dbPasswordProperty(), "");

        Button test = new Button("Test connection");
        test.setId("conn-test");
        test.disableProperty().bind(c.testingProperty());
        test.setOnAction(e -> c.test());
        Label sqs = result("conn-sqs-result", c.sqsResultProperty());
        Label db = result("conn-db-result", c.dbResultProperty());
        VBox content = new VBox(12, grid, test, sqs, db);
        content.setPadding(new Insets(8));
        content.setPrefWidth(520);

        Dialog<ButtonType> d = new Dialog<>();
        d.initOwner(owner);
        d.setTitle("Connection");
        d.setHeaderText("Where the console drains from and to. Blank endpoint or URL = the embedded demo servers.");
        ButtonType use = new ButtonType("Use these settings", ButtonBar.ButtonData.OK_DONE);
        d.getDialogPane().getButtonTypes().addAll(use, ButtonType.CANCEL);
        d.getDialogPane().setContent(content);
        d.getDialogPane().lookupButton(use).setId("conn-use");
        d.setResultConverter(b -> {
            if (b == use) {
                c.use();
            }
            return b;
        });
        return d;
    }

    private static void row(GridPane grid, int r, String name, String id, TextField field, StringProperty value,
                            String prompt) {
        field.setId(id);
        field.setPromptText(prompt);
        field.setPrefColumnCount(32);
        field.textProperty().bindBidirectional(value);
        grid.addRow(r, new Label(name), field);
    }

    private static Label result(String id, javafx.beans.value.ObservableStringValue text) {
        Label l = new Label();
        l.setId(id);
        l.setWrapText(true);
        l.textProperty().bind(text);
        l.getStyleClass().add(Styles.TEXT_SMALL);
        return l;
    }
}
