package dev.drainboard.ui.shell;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drainboard.model.StoredCounts;
import dev.drainboard.pipeline.DemoMessages;
import dev.drainboard.support.Messages;
import dev.drainboard.ui.common.ConsoleState;
import dev.drainboard.ui.demo.PipelineModel;
import dev.drainboard.ui.demo.PipelineModel.Stage;
import dev.drainboard.ui.preview.PreviewRow;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import javafx.scene.control.TableView;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.KeyCode;
import javafx.scene.text.Text;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.util.WaitForAsyncUtils;

/** Demo mode through the window: the pipeline strip during a real drain, what masking did, the zoom. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleDemoFxTest {
    @TempDir
    static Path dataDir;
    static ConsoleFxHarness fx;

    @BeforeAll
    static void openConsole() throws Exception {
        fx = ConsoleFxHarness.open(dataDir, Map.of(dev.drainboard.config.ConfigKey.WORKERS, "1"), 1280, 800);
        fx.until(() -> fx.text("#queue-0").equals("100"));
    }

    @AfterAll
    static void closeConsole() throws Exception {
        fx.close();
    }

    private static void keys(KeyCode... combo) {
        fx.robot.press(combo);
        KeyCode[] back = new KeyCode[combo.length];
        for (int i = 0; i < combo.length; i++) {
            back[i] = combo[combo.length - 1 - i];
        }
        fx.robot.release(back);
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    @Order(1)
    void theStripCountsADrainOfTheSampleStageByStageAndTheMalformedMessageGoesToTheDeadLetterBranch()
            throws Exception {
        assertThat(fx.node("#pipeline-strip").isVisible()).isFalse();
        keys(KeyCode.CONTROL, KeyCode.M);
        assertThat(fx.node("#pipeline-strip").isVisible()).as("Ctrl+M turns demo mode on").isTrue();
        assertThat(fx.text("#stage-queue")).isEqualTo("100");

        PipelineModel p = fx.model.pipeline();
        List<Long> parsed = new CopyOnWriteArrayList<>();
        List<Boolean> litCards = new CopyOnWriteArrayList<>();
        Node postgresCard = fx.node("#stage-card-postgres");
        WaitForAsyncUtils.asyncFx(() -> {
            p.count(Stage.PARSE).addListener((o, a, b) -> parsed.add(b.longValue()));
            postgresCard.getStyleClass().addListener((javafx.collections.ListChangeListener<String>) c ->
                    litCards.add(postgresCard.getStyleClass().contains("lit")));
        }).get(10, TimeUnit.SECONDS);

        fx.click("#drain-all");
        fx.until(() -> fx.model.state() == ConsoleState.IDLE && fx.text("#drain-text").startsWith("Drain finished"));

        StoredCounts stored = fx.counts();
        assertThat(stored.rows()).isEqualTo(99);
        assertThat(stored.rejections()).isEqualTo(1);
        assertThat(parsed).as("the parse count rises to what was received").isNotEmpty().isSorted();
        assertThat(parsed.get(parsed.size() - 1)).isEqualTo(100);
        assertThat(p.count(Stage.MASK).get()).isEqualTo(99);
        assertThat(p.count(Stage.POSTGRES).get()).isEqualTo(stored.rows());
        assertThat(p.count(Stage.DELETED).get()).isEqualTo(100);
        assertThat(p.count(Stage.DEAD_LETTER).get()).isEqualTo(stored.rejections());
        assertThat(fx.text("#stage-parse")).isEqualTo("100");
        assertThat(fx.text("#stage-postgres")).isEqualTo("99");
        assertThat(fx.text("#stage-dead-letter")).isEqualTo("1");
        assertThat(litCards).as("the PostgreSQL card lit up as rows were written").contains(true);
        fx.until(() -> fx.text("#stage-queue").equals("0"));
    }

    @Test
    @Order(2)
    void theMaskingPanelNamesWhatWasHiddenAndNoRawValueAppearsAnywhereInTheWindow() {
        List<String> bodies = new ArrayList<>(DemoMessages.generate(12, 0.3, 0, 7));
        bodies.add(Messages.login("demo-v6", "2001:db8:85a3::8a2e:370:7334", "3f2504e0-4f89-11d3-9a0c-0305e82c3301"));
        fx.workspace.source().send(bodies);
        List<String> raw = Messages.rawPii(bodies);
        fx.until(() -> fx.text("#queue-0").equals(Integer.toString(bodies.size())));
        fx.click("#preview-tab .tab-label");
        assertThat(fx.node("#masking-panel").isVisible()).as("demo mode shows the panel").isTrue();
        assertThat(fx.text("#masking-hint")).startsWith("Select a row");
        fx.robot.clickOn("#batch-size .text-field").push(KeyCode.CONTROL, KeyCode.A).write("20")
                .push(KeyCode.ENTER);
        fx.click("#fetch");
        fx.until(() -> fx.items("#preview-table").size() == bodies.size());

        @SuppressWarnings("unchecked")
        TableView<PreviewRow> table = (TableView<PreviewRow>) fx.node("#preview-table");
        for (int i = 0; i < bodies.size(); i++) {
            int row = i;
            fx.robot.interact(() -> table.getSelectionModel().select(row));
            PreviewRow selected = table.getSelectionModel().getSelectedItem();
            fx.until(() -> fx.text("#masking-message").equals("message " + selected.messageId()));
            String device = deviceIdOf(bodies, selected.userId());
            String family = selected.userId().equals("demo-v6") ? "IPv6" : "IPv4";
            assertThat(fx.text("#masking-hidden"))
                    .isEqualTo("hidden: ip (" + family + "), device id (" + device.length() + " chars)");
            assertThat(fx.text("#masking-user_id")).isEqualTo(selected.userId());
            assertThat(fx.text("#masking-ip")).startsWith("v1:");
            List<String> texts = allTexts(fx.scene.getRoot());
            assertThat(texts).isNotEmpty().allSatisfy(t -> assertThat(raw).noneMatch(t::contains));
        }
        fx.click("#release");
        fx.until(() -> fx.model.state() == ConsoleState.IDLE);
        assertThat(fx.text("#masking-hint")).as("no batch, no selection").startsWith("Select a row");
    }

    private static String deviceIdOf(List<String> bodies, String userId) {
        try {
            com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
            for (String b : bodies) {
                com.fasterxml.jackson.databind.JsonNode n = json.readTree(b);
                if (n.path("user_id").asText().equals(userId)) {
                    return n.get("device_id").asText();
                }
            }
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("no body for " + userId);
    }

    /** Every text the window holds: labels, cells, text nodes, fields and tooltips. */
    private static List<String> allTexts(Node n) {
        List<String> out = new ArrayList<>();
        WaitForAsyncUtils.waitForFxEvents();
        collect(n, out);
        return out;
    }

    private static void collect(Node n, List<String> out) {
        if (n instanceof Labeled && ((Labeled) n).getText() != null) {
            out.add(((Labeled) n).getText());
        }
        if (n instanceof Text && ((Text) n).getText() != null) {
            out.add(((Text) n).getText());
        }
        if (n instanceof TextInputControl && ((TextInputControl) n).getText() != null) {
            out.add(((TextInputControl) n).getText());
        }
        if (n instanceof Control && ((Control) n).getTooltip() != null) {
            out.add(((Control) n).getTooltip().getText());
        }
        if (n instanceof Parent) {
            for (Node c : ((Parent) n).getChildrenUnmodifiable()) {
                collect(c, out);
            }
        }
    }

    @Test
    @Order(3)
    void ctrlPlusAndMinusScaleTheWholeWindowsTypeAndCtrl0ResetsIt() {
        Label mode = (Label) fx.node("#mode");
        double normal = mode.getFont().getSize();
        assertThat(normal).isEqualTo(14.0);

        keys(KeyCode.CONTROL, KeyCode.EQUALS);
        keys(KeyCode.CONTROL, KeyCode.EQUALS);
        assertThat(fx.model.presentation().zoomProperty().get()).isEqualTo(125);
        fx.until(() -> mode.getFont().getSize() == 17.5);
        assertThat(fx.text("#zoom-reset")).isEqualTo("125 %");
        Label stage = (Label) fx.node("#stage-parse");
        assertThat(stage.getFont().getSize()).as("the strip scales too (1.9 em)").isGreaterThan(17.5 * 1.8);

        keys(KeyCode.CONTROL, KeyCode.MINUS);
        assertThat(fx.model.presentation().zoomProperty().get()).isEqualTo(110);
        fx.until(() -> Math.abs(mode.getFont().getSize() - 15.4) < 0.01);

        keys(KeyCode.CONTROL, KeyCode.DIGIT0);
        assertThat(fx.model.presentation().zoomProperty().get()).isEqualTo(100);
        fx.until(() -> mode.getFont().getSize() == normal);
    }
}
