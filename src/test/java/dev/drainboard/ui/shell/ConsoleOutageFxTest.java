package dev.drainboard.ui.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Servers going away while the window is open: the console says so and stays usable. */
class ConsoleOutageFxTest {
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
    void aServerGoingDownShowsTheErrorStateRatherThanAHang() {
        fx.until(() -> fx.text("#queue-0").equals("100") && fx.text("#db-status").equals("PostgreSQL ok"));

        fx.workspace.source().close();

        fx.until(() -> fx.text("#queue-0").equals("unreachable") && fx.text("#sqs-status").equals("SQS down"));
        assertThat(fx.text("#dlq-0")).isEqualTo("unreachable");
        assertThat(fx.node("#sqs-status").isVisible()).isTrue();
        fx.click("#fetch");
        fx.until(() -> fx.node("#banner").isVisible());
        assertThat(fx.model.bannerProperty().get()).startsWith("Could not fetch a batch: ")
                .doesNotContain("\tat ").doesNotContain("Exception");
        fx.until(() -> !fx.node("#fetch").isDisabled());

        fx.workspace.sink().close();

        fx.until(() -> fx.text("#rows-count").equals("unreachable")
                && fx.text("#db-status").equals("PostgreSQL down"));
        assertThat(fx.model.log().entries()).anyMatch(e -> e.contains("SQS is unreachable"))
                .anyMatch(e -> e.contains("PostgreSQL is unreachable"));
    }
}
