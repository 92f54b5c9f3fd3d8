package dev.drainboard.ui.shell;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drainboard.app.CsvExport;
import dev.drainboard.config.ConfigKey;
import dev.drainboard.model.ExploreRow;
import dev.drainboard.model.MaskSummary;
import dev.drainboard.support.Messages;
import dev.drainboard.ui.common.ConsoleState;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The analyst's path through the window, against real ElasticMQ and PostgreSQL: filter by a user
 * id, follow that row's device id to the other user ids on it, find it in the shared-devices
 * list, and export the followed rows as CSV.
 */
class ConsoleExploreFxTest {
    private static final String RAW_DEVICE = "fx-shared-device-77";

    @TempDir
    static Path dataDir;
    @TempDir
    static Path out;
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
    void filterThenFollowAMaskThenExport() throws Exception {
        fx.workspace.source().send(List.of(Messages.login("fx-u1", "10.7.0.1", RAW_DEVICE),
                Messages.login("fx-u2", "10.7.0.2", RAW_DEVICE), Messages.login("fx-u3", "10.7.0.3", RAW_DEVICE),
                Messages.login("fx-u1", "10.7.0.1", RAW_DEVICE)));
        fx.until(() -> fx.text("#queue-0").equals("104"));
        fx.click("#drain-all");
        fx.until(() -> fx.model.state() == ConsoleState.IDLE && fx.text("#queue-0").equals("0"));

        fx.click("#explore-tab .tab-label");
        fx.robot.clickOn("#explore-user-id").write("fx-u1");
        fx.click("#explore-apply");
        fx.until(() -> fx.<ExploreRow>items("#explore-table").size() == 2);
        assertThat(fx.text("#explore-sentence")).isEqualTo("user id = fx-u1: 2 rows");

        @SuppressWarnings("unchecked")
        TableView<ExploreRow> table = (TableView<ExploreRow>) fx.node("#explore-table");
        WaitForAsyncUtils.asyncFx(() -> table.getSelectionModel().select(0)).get(10, TimeUnit.SECONDS);
        String mask = table.getSelectionModel().getSelectedItem().login().maskedDeviceId();
        assertThat(mask).startsWith("v1:");
        fx.click("#explore-follow-device");
        fx.until(() -> fx.text("#explore-followed").contains("4 rows, 3 distinct user ids"));
        assertThat(fx.<ExploreRow>items("#explore-table")).hasSize(4)
                .allSatisfy(r -> assertThat(r.login().maskedDeviceId()).isEqualTo(mask));
        assertThat(((TextField) fx.node("#explore-masked-device-id")).getText()).isEqualTo(mask);
        assertThat(((TextField) fx.node("#explore-user-id")).getText()).isEmpty();

        fx.click("#explore-shared-tab .tab-label");
        fx.until(() -> fx.<MaskSummary>items("#shared-devices-table").stream().anyMatch(s -> s.mask().equals(mask)
                && s.users() == 3));

        Path file = out.resolve("followed.csv");
        TextField path = (TextField) fx.node("#explore-export-path");
        WaitForAsyncUtils.asyncFx(() -> path.setText(file.toString())).get(10, TimeUnit.SECONDS);
        fx.click("#explore-export-rows");
        fx.until(() -> fx.text("#explore-export-status").startsWith("Exported 4 rows"));
        List<CSVRecord> rows;
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            rows = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(in).getRecords();
        }
        assertThat(rows).hasSize(4).allSatisfy(r -> assertThat(r.get("masked_device_id")).isEqualTo(mask));
        assertThat(rows.get(0).toMap().keySet()).containsExactlyElementsOf(CsvExport.ROW_HEADER);
        assertThat(Files.readString(file)).doesNotContain(RAW_DEVICE).doesNotContain("10.7.0.");
    }
}
