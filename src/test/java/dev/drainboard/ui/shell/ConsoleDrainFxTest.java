package dev.drainboard.ui.shell;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drainboard.config.ConfigKey;
import dev.drainboard.model.MaskGroup;
import dev.drainboard.model.QueueDepth;
import dev.drainboard.model.StoredCounts;
import dev.drainboard.pipeline.DemoMessages;
import dev.drainboard.ui.common.MaskChips;
import dev.drainboard.ui.preview.PreviewRow;
import dev.drainboard.ui.stored.RejectionRow;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javafx.scene.control.Labeled;
import javafx.scene.control.ProgressBar;
import javafx.scene.paint.Color;
import javafx.scene.paint.Paint;
import javafx.scene.shape.Rectangle;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/** Full drains, Stop, replay and duplicate grouping through the window, against the embedded stack. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleDrainFxTest {
    private static final int GENERATED = 2000;
    private static final int TOTAL = GENERATED + 100;

    @TempDir
    static Path dataDir;
    static ConsoleFxHarness fx;

    @BeforeAll
    static void openConsole() throws Exception {
        fx = ConsoleFxHarness.open(dataDir, Map.of(ConfigKey.WORKERS, "1"), 1280, 800);
        fx.workspace.source().send(DemoMessages.generate(GENERATED, 0.2, 0.01, 99));
        fx.until(() -> fx.text("#queue-0").equals(Integer.toString(TOTAL)));
    }

    @AfterAll
    static void closeConsole() throws Exception {
        fx.close();
    }

    private static double progress() {
        return ((ProgressBar) fx.node("#drain-progress")).getProgress();
    }

    /** The chip colours the preview table shows, by the (short) mask text next to them. */
    private static Map<String, Set<Paint>> chipsByMask() {
        return fx.robot.lookup("#preview-table .mask-cell").queryAll().stream()
                .map(n -> (Labeled) n).filter(l -> l.getGraphic() instanceof Rectangle && l.getText() != null)
                .collect(Collectors.groupingBy(Labeled::getText,
                        Collectors.mapping(l -> ((Rectangle) l.getGraphic()).getFill(), Collectors.toSet())));
    }

    @Test
    @Order(1)
    void stopMidDrainLosesNothing() {
        fx.click("#drain-all");
        fx.until(() -> progress() > 0.02);

        fx.click("#stop");

        fx.until(() -> !fx.node("#drain-all").isDisabled());
        assertThat(fx.text("#drain-text")).startsWith("Drain stopped");
        fx.until(() -> fx.depth().inFlight() == 0);
        QueueDepth left = fx.depth();
        StoredCounts stored = fx.counts();
        assertThat(left.available()).as("the stop came mid-drain").isGreaterThan(0);
        assertThat(stored.rows() + stored.rejections() + left.available()).isEqualTo(TOTAL);
    }

    @Test
    @Order(2)
    void drainAllReachesFullProgressWithAnEmptyQueue() {
        fx.click("#drain-all");

        fx.until(() -> !fx.node("#drain-all").isDisabled() && progress() == 1.0);
        assertThat(fx.text("#drain-text")).startsWith("Drain finished");
        fx.until(() -> fx.text("#queue-0").equals("0") && fx.text("#queue-1").equals("0"));
        StoredCounts stored = fx.counts();
        assertThat(stored.rows() + stored.rejections()).isEqualTo(TOTAL);
        fx.until(() -> fx.text("#rows-count").equals(Long.toString(stored.rows())));
        assertThat(fx.text("#drain-rate")).endsWith("msg/s");
    }

    @Test
    @Order(3)
    void aRejectedMessageCanBeReplayedFromTheDeadLetterQueue() {
        fx.click("#rejections-tab .tab-label");
        fx.until(() -> !fx.items("#rejections-table").isEmpty());
        List<RejectionRow> rejections = fx.items("#rejections-table");
        assertThat(rejections).allSatisfy(r -> assertThat(r.reason()).isNotBlank());
        long deadLetters = fx.workspace.source().deadLetterDepth().available();

        fx.robot.clickOn("#rejections-table .table-row-cell");
        fx.click("#replay");

        fx.until(() -> fx.text("#queue-0").equals("1"));
        fx.until(() -> fx.workspace.source().deadLetterDepth().available() == deadLetters - 1);
    }

    @Test
    @Order(4)
    void duplicateGroupingIsVisibleForASeededRepeat() {
        List<String> sameLogin = DemoMessages.generate(6, 1.0, 0, 42);
        fx.workspace.source().send(sameLogin);
        fx.workspace.source().send(DemoMessages.generate(1, 0, 0, 43));
        fx.until(() -> fx.text("#queue-0").equals("8"));
        fx.click("#preview-tab .tab-label");

        fx.click("#fetch");

        fx.until(() -> fx.previewSize() == 8);
        assertThat(fx.items("#preview-rejections")).hasSize(1);
        List<PreviewRow> rows = fx.items("#preview-table");
        assertThat(rows).hasSize(7).filteredOn(PreviewRow::repeated).hasSize(6)
                .allSatisfy(r -> assertThat(r.repeatsInBatch()).isEqualTo("ip ×6, dev ×6"));
        PreviewRow repeated = rows.stream().filter(PreviewRow::repeated).findFirst().orElseThrow();
        String ip = MaskChips.shortMask(repeated.maskedIp());
        String device = MaskChips.shortMask(repeated.maskedDeviceId());
        fx.until(() -> chipsByMask().containsKey(ip) && chipsByMask().containsKey(device));
        Map<String, Set<Paint>> chips = chipsByMask();
        assertThat(chips).as("one colour per distinct mask").allSatisfy((mask, fills) -> assertThat(fills).hasSize(1));
        assertThat(chips.get(ip)).as("a repeated mask has a filled chip").doesNotContain(Color.TRANSPARENT);
        assertThat(chips.get(device)).doesNotContain(Color.TRANSPARENT);
        fx.robot.clickOn("#repeated-only");
        fx.until(() -> fx.items("#preview-table").size() == 6);

        fx.click("#commit");
        fx.until(() -> fx.text("#queue-0").equals("0"));
        fx.workspace.source().send(sameLogin);
        fx.until(() -> fx.text("#queue-0").equals("6"));
        fx.click("#fetch");

        fx.until(() -> fx.items("#preview-table").size() == 6);
        assertThat(fx.<PreviewRow>items("#preview-table"))
                .allSatisfy(r -> assertThat(r.seenBefore()).isEqualTo("seen 6× before"));
        fx.click("#release");
        fx.click("#committed-tab .tab-label");
        fx.until(() -> fx.<MaskGroup>items("#ip-groups").stream().anyMatch(g -> g.count() == 6));
    }
}
