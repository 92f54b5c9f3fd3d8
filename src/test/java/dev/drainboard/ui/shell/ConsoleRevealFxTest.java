package dev.drainboard.ui.shell;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drainboard.config.ConfigKey;
import dev.drainboard.sink.RevealStore;
import dev.drainboard.sink.RevealStore.Lookup;
import dev.drainboard.sink.RevealStore.RevealRecord;
import dev.drainboard.support.Messages;
import dev.drainboard.ui.common.ConsoleState;
import dev.drainboard.ui.reveal.RevealRow;
import dev.drainboard.ui.stored.CommittedRow;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.TableView;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.matcher.control.LabeledMatchers;
import org.testfx.util.WaitForAsyncUtils;

/** Reveal through the window, with the siv scheme, against real ElasticMQ and PostgreSQL. */
class ConsoleRevealFxTest {
    private static final String USER = "reveal-u1";
    private static final String RAW_IP = "10.9.8.7";

    @TempDir
    static Path dataDir;
    static ConsoleFxHarness fx;

    @BeforeAll
    static void openConsole() throws Exception {
        fx = ConsoleFxHarness.open(dataDir, Map.of(ConfigKey.MASK_SCHEME, "siv", ConfigKey.WORKERS, "1"), 1280, 800);
    }

    @AfterAll
    static void closeConsole() throws Exception {
        fx.close();
    }

    @Test
    void aStatedReasonRevealsTheRawIpInTheDialogAndWritesOneAuditRow() throws Exception {
        fx.workspace.source().send(List.of(Messages.login(USER, RAW_IP, "dev-r1"),
                Messages.login("reveal-u2", "10.9.8.8", "dev-r2")));
        fx.until(() -> fx.text("#queue-0").equals("102"));
        fx.click("#drain-all");
        fx.until(() -> fx.model.state() == ConsoleState.IDLE && fx.text("#queue-0").equals("0"));
        fx.click("#committed-tab .tab-label");
        fx.until(() -> fx.<CommittedRow>items("#committed-table").stream().anyMatch(r -> r.userId().equals(USER)));
        CommittedRow row = fx.<CommittedRow>items("#committed-table").stream().filter(r -> r.userId().equals(USER))
                .findFirst().orElseThrow();
        assertThat(row.maskedIp()).startsWith("v2:");
        @SuppressWarnings("unchecked")
        TableView<CommittedRow> table = (TableView<CommittedRow>) fx.node("#committed-table");
        WaitForAsyncUtils.asyncFx(() -> table.scrollTo(row)).get(10, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        fx.robot.clickOn(fx.robot.lookup("#committed-table .table-cell").match(LabeledMatchers.hasText(USER))
                .<Node>query());
        // by value: a refresh of the table between the scroll and the click replaces the row objects
        fx.until(() -> table.getSelectionModel().getSelectedItem() != null
                && table.getSelectionModel().getSelectedItem().userId().equals(USER));

        fx.click("#reveal");
        fx.robot.clickOn("masked_ip of the selected row…");
        fx.until(() -> fx.robot.lookup("#reveal-reason").tryQuery().isPresent());
        fx.robot.clickOn("#reveal-reason").write("fraud case F-17");
        fx.click("#reveal-run");

        fx.until(() -> fx.<RevealRow>items("#reveal-table").size() == 1);
        assertThat(fx.<RevealRow>items("#reveal-table")).singleElement()
                .satisfies(r -> assertThat(r.value()).isEqualTo(RAW_IP))
                .satisfies(r -> assertThat(r.userId()).isEqualTo(USER));
        assertThat(fx.text("#reveal-status")).contains("1 revealed, 0 not recoverable");
        List<RevealRecord> audit = new RevealStore(fx.workspace.sink().dataSource()).recent(10);
        assertThat(audit).singleElement().satisfies(a -> {
            assertThat(a.lookup()).isEqualTo(Lookup.MASKED_IP);
            assertThat(a.lookupValue()).isEqualTo(row.maskedIp());
            assertThat(a.rowCount()).isEqualTo(1);
            assertThat(a.reason()).isEqualTo("fraud case F-17");
        });
        assertThat(fx.model.log().last()).endsWith("Revealed 1 rows (reason recorded in drainboard_reveals)");
        assertThat(fx.model.log().entries()).noneMatch(e -> e.contains(RAW_IP));

        fx.click("#reveal-close");
        fx.until(() -> fx.robot.lookup("#reveal-table").tryQuery().isEmpty());
        assertThat(fx.model.reveal().rows()).isEmpty();
        assertThat(fx.model.reveal().reasonProperty().get()).isEmpty();
    }
}
