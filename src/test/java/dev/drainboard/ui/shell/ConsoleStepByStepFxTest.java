package dev.drainboard.ui.shell;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drainboard.ui.preview.PreviewRejection;
import dev.drainboard.ui.preview.PreviewRow;
import dev.drainboard.ui.stored.CommittedRow;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Pattern;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/** Fetch, release and commit through the window, against real ElasticMQ and PostgreSQL. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleStepByStepFxTest {
    private static final Pattern IPV4 = Pattern.compile("\\b\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\b");

    @TempDir
    static Path dataDir;
    static ConsoleFxHarness fx;

    @BeforeAll
    static void openConsole() throws Exception {
        fx = ConsoleFxHarness.open(dataDir, Map.of(), 1280, 800);
    }

    @AfterAll
    static void closeConsole() throws Exception {
        fx.close();
    }

    @Test
    @Order(1)
    void theSampleMessagesAreWaitingWhenTheConsoleOpens() {
        fx.until(() -> fx.text("#queue-0").equals("100"));
        assertThat(fx.text("#mode")).isEqualTo("Embedded demo");
        assertThat(fx.text("#key-fingerprint")).startsWith("Mask key ");
        assertThat(fx.text("#rows-count")).isEqualTo("0");
    }

    @Test
    @Order(2)
    void fetchShowsTheMaskedRowsOfTheBatch() {
        fx.click("#fetch");

        fx.until(() -> fx.previewSize() == 10);
        fx.until(() -> fx.text("#queue-1").equals("10"));
        assertThat(fx.text("#preview-summary")).startsWith("10 messages in hand").contains("masked: ip, device_id");
        assertThat(fx.text("#lease")).startsWith("Lease: ");
        fx.<PreviewRow>items("#preview-table").forEach(r -> {
            assertThat(r.toString()).doesNotContainPattern(IPV4);
            assertThat(r.maskedIp()).startsWith("v1:");
        });
        fx.<PreviewRejection>items("#preview-rejections").forEach(r -> assertThat(r.reason()).isNotBlank());
        assertThat(fx.node("#fetch").isDisabled()).isTrue();
        assertThat(fx.node("#drain-all").isDisabled()).isTrue();
        assertThat(fx.counts().rows()).as("nothing is written before Commit").isZero();
    }

    @Test
    @Order(3)
    void releaseBringsTheMessagesBack() {
        fx.until(() -> !fx.node("#release").isDisabled());
        fx.robot.press(KeyCode.CONTROL, KeyCode.R).release(KeyCode.R, KeyCode.CONTROL);

        fx.until(() -> fx.items("#preview-table").isEmpty());
        fx.until(() -> fx.text("#queue-0").equals("100") && fx.text("#queue-1").equals("0"));
        assertThat(fx.counts().rows()).isZero();
    }

    @Test
    @Order(4)
    void commitPutsTheRowsInPostgresAndTheDepthDrops() {
        fx.click("#fetch");
        fx.until(() -> fx.previewSize() == 10);
        long rows = fx.items("#preview-table").size();

        fx.click("#commit");

        fx.until(() -> fx.text("#queue-0").equals("90") && fx.text("#queue-1").equals("0"));
        fx.until(() -> fx.text("#rows-count").equals(Long.toString(rows))
                && fx.text("#rejections-count").equals(Long.toString(10 - rows)));
        assertThat(fx.counts().rows() + fx.counts().rejections()).isEqualTo(10);
        fx.click("#committed-tab .tab-label");
        fx.until(() -> fx.<CommittedRow>items("#committed-table").size() == rows);
        assertThat(fx.model.log().entries()).anyMatch(e -> e.contains("Committed: " + rows + " rows"));
    }

    @Test
    @Order(5)
    void aTypedBatchSizeIsUsedWithoutPressingEnter() {
        fx.robot.clickOn("#preview-tab .tab-label");
        fx.robot.clickOn("#batch-size .text-field").push(KeyCode.CONTROL, KeyCode.A).write("5");

        fx.click("#fetch");

        fx.until(() -> fx.previewSize() == 5);
        fx.click("#release");
        fx.until(() -> fx.text("#queue-1").equals("0"));
    }
}
