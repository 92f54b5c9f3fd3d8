package dev.drainboard.ui.shell;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drainboard.config.ConfigKey;
import dev.drainboard.ui.common.ConsoleState;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** "Mask an existing table…" through the window: dry run, confirm, masked in place, on the embedded default. */
class ConsoleMaskTableFxTest {
    @TempDir
    static Path dataDir;
    static ConsoleFxHarness fx;

    @BeforeAll
    static void openConsole() throws Exception {
        fx = ConsoleFxHarness.open(dataDir, Map.of(ConfigKey.WORKERS, "1"), 1280, 800);
    }

    @AfterAll
    static void closeConsole() throws Exception {
        fx.close();
    }

    @Test
    void aDryRunThenAConfirmedRunMasksTheRawRowAnEarlierLoaderLeft() throws Exception {
        fx.click("#drain-all");
        fx.until(() -> fx.model.state() == ConsoleState.IDLE && fx.counts().rows() == 99);
        try (Connection c = fx.workspace.sink().dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO user_logins (user_id, device_type, masked_ip, masked_device_id, app_version) "
                    + "VALUES ('loaded-earlier', 'ios', '10.7.7.7', 'dev-raw-1', '1.0')");
        }
        fx.click("#committed-tab .tab-label");

        fx.click("#mask-table-open");
        fx.until(() -> fx.robot.lookup("#mask-table-dry-run").tryQuery().isPresent());
        fx.click("#mask-table-dry-run");
        fx.until(() -> fx.text("#mask-table-status").startsWith("Nothing written yet"));

        assertThat(((javafx.scene.control.TextArea) fx.node("#mask-table-dry-run-result")).getText())
                .contains("user_logins: 100 rows, 1 would change").doesNotContain("10.7.7.7").doesNotContain("dev-raw");
        fx.click("#mask-table-run");
        fx.until(() -> fx.robot.lookup(".dialog-pane").tryQuery().isPresent());
        fx.robot.clickOn("OK");
        fx.until(() -> fx.text("#mask-table-status").startsWith("Masked user_logins"));

        assertThat(fx.text("#mask-table-status")).isEqualTo("Masked user_logins: 2 values masked in 1 rows.");
        try (Connection c = fx.workspace.sink().dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT masked_ip, masked_device_id FROM user_logins "
                     + "WHERE user_id = 'loaded-earlier'")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo(fx.workspace.masking().masker().mask("ip", "10.7.7.7"));
            assertThat(rs.getString(2)).matches("v1:[0-9a-f]{32}");
        }
        assertThat(fx.model.log().entries()).noneMatch(e -> e.contains("10.7.7.7") || e.contains("dev-raw"));
    }
}
