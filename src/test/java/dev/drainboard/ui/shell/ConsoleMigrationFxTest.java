package dev.drainboard.ui.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import atlantafx.base.theme.PrimerLight;
import dev.drainboard.config.ConfigKey;
import dev.drainboard.sink.Schema;
import dev.drainboard.support.TestServers;
import dev.drainboard.ui.common.ConsoleState;
import dev.drainboard.ui.common.FxTasks;
import dev.drainboard.ui.connection.ConnectionModel;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.Callable;
import javafx.application.Application;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Labeled;
import javafx.scene.control.TextArea;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * A real PostgreSQL holding the exercise's original table ({@code app_version integer}): the console
 * refuses to start, offers the migration with its one statement, runs it on OK and starts; then the
 * connection dialog tests the same settings.
 */
class ConsoleMigrationFxTest {
    private static final String ORIGINAL_DDL = """
            CREATE TABLE IF NOT EXISTS user_logins(
                user_id varchar(128), device_type varchar(32), masked_ip varchar(256),
                masked_device_id varchar(256), locale varchar(32), app_version integer, create_date date);
            INSERT INTO user_logins VALUES ('old-1', 'ios', 'm1', 'd1', 'US', 230, '2024-01-02');
            """;

    @TempDir
    Path dataDir;
    private final FxRobot robot = new FxRobot();
    private ConsoleModel model;

    @AfterEach
    void close() throws Exception {
        if (model != null) {
            model.closing();
            model.close();
        }
        FxToolkit.cleanupStages();
    }

    @Test
    void theConsoleOffersTheOneStatementRunsItOnOkAndStartsThenTheDialogTestsTheSettings() throws Exception {
        String db = TestServers.freshDatabase();
        try (Connection c = DriverManager.getConnection(db, "postgres", "postgres");
             Statement s = c.createStatement()) {
            s.execute(ORIGINAL_DDL);
        }
        Map<ConfigKey, String> flags = new EnumMap<>(ConfigKey.class);
        flags.put(ConfigKey.DATA_DIR, dataDir.toString());
        flags.put(ConfigKey.QUEUE, "login-queue-" + Long.toHexString(System.nanoTime()));
        flags.put(ConfigKey.JDBC_URL, db);
        flags.put(ConfigKey.DB_USER, "postgres");
        flags.put(ConfigKey.DB_PASSWORD, "postgres");
        FxToolkit.registerPrimaryStage();
        FxToolkit.setupStage(stage -> {
            Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
            model = new ConsoleModel(new FxTasks(), Clock.systemUTC());
            ConnectionModel connection = new ConnectionModel(new FxTasks(), flags, ConnectionModel.Checker.real());
            stage.setScene(ConsoleWindow.create(model, connection, 1280, 800));
            stage.setX(0);
            stage.setY(0);
            stage.show();
            stage.toFront();
            model.start(ConsoleApp.opener(flags), ConsoleApp.migrator(flags));
        });

        until(() -> model.state() == ConsoleState.START_FAILED && robot.lookup("#migrate-offer").query()
                .isVisible());
        assertThat(model.bannerProperty().get()).contains("app_version");

        // the offer is shown before the banner's layout pass places its button: click once it is on screen
        until(() -> laidOutInScene("#migrate-app-version"));
        robot.clickOn("#migrate-app-version");
        WaitForAsyncUtils.waitForFxEvents();
        TextArea sql = robot.lookup("#migration-sql").queryAs(TextArea.class);
        assertThat(sql.getText()).isEqualTo(Schema.MIGRATE_APP_VERSION);
        robot.clickOn(button("OK"));

        until(() -> model.state() == ConsoleState.IDLE);
        assertThat(columnType(db)).isEqualTo("character varying");
        assertThat(robot.lookup("#migrate-offer").query().isVisible()).isFalse();

        robot.clickOn("#connection");
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn("#conn-test");
        until(() -> text("#conn-db-result").startsWith("PostgreSQL ok")
                && text("#conn-sqs-result").startsWith("SQS: embedded"));
        assertThat(text("#conn-db-result")).doesNotContain("password");
        robot.clickOn(button("Cancel"));
    }

    /** The button with this text that is on screen: not one in a tab that is not shown (Explore has a Cancel). */
    private Node button(String text) {
        return robot.lookup(n -> n instanceof Button b && text.equals(b.getText()) && shown(n)).query();
    }

    private static boolean shown(Node n) {
        for (Node p = n; p != null; p = p.getParent()) {
            if (!p.isVisible()) {
                return false;
            }
        }
        return true;
    }

    private String text(String query) {
        return robot.lookup(query).queryAs(Labeled.class).getText();
    }

    private static String columnType(String db) throws Exception {
        try (Connection c = DriverManager.getConnection(db, "postgres", "postgres");
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT data_type FROM information_schema.columns"
                     + " WHERE table_name = 'user_logins' AND column_name = 'app_version'")) {
            rs.next();
            return rs.getString(1);
        }
    }

    /** True when the node is visible and its bounds lie inside its scene (where the robot can click it). */
    private boolean laidOutInScene(String query) throws Exception {
        return WaitForAsyncUtils.asyncFx(() -> {
            javafx.scene.Node n = robot.lookup(query).query();
            javafx.geometry.Bounds b = n.localToScene(n.getBoundsInLocal());
            return n.isVisible() && b.getWidth() > 0 && b.getHeight() > 0 && b.getMinX() >= 0 && b.getMinY() >= 0
                    && b.getMaxX() <= n.getScene().getWidth() && b.getMaxY() <= n.getScene().getHeight();
        }).get();
    }

    private void until(Callable<Boolean> condition) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(() -> {
            WaitForAsyncUtils.waitForFxEvents();
            return condition.call();
        });
    }
}
