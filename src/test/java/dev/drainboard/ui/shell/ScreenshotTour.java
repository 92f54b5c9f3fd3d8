package dev.drainboard.ui.shell;

import dev.drainboard.config.ConfigKey;
import dev.drainboard.pipeline.DemoMessages;
import dev.drainboard.ui.common.ConsoleState;
import dev.drainboard.ui.preview.PreviewRow;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.image.WritableImage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Regenerates {@code screenshots/*.png} from the real console over a fresh embedded workspace.
 * Skipped in normal builds; run it with
 * {@code mvn -B test -Dtest=ScreenshotTour -Ddrainboard.screenshots=true}.
 */
@Tag("screenshots")
@EnabledIfSystemProperty(named = "drainboard.screenshots", matches = "true")
class ScreenshotTour {
    private static final Path OUT = Path.of("screenshots");
    /** A drain of a few thousand messages with one worker, on a machine shared with other builds. */
    private static final java.time.Duration DRAIN_PATIENCE = java.time.Duration.ofMinutes(3);

    static {
        // Monocle's headless screen is 1280x800 unless told otherwise; the window is 1400x900.
        // Takes effect only when this class starts the toolkit (run it alone, as documented).
        System.setProperty("headless.geometry", "1440x900-32");
    }

    @TempDir
    Path dataDir;

    @Test
    void regenerateTheScreenshots() throws Exception {
        Files.createDirectories(OUT);
        try (ConsoleFxHarness fx = ConsoleFxHarness.open(dataDir, Map.of(ConfigKey.WORKERS, "1"), 1400, 900)) {
            ConsoleModel m = fx.model;
            fx.until(() -> m.queue().history().size() >= 8);
            onFx(() -> {
                m.drain().drainCountProperty().set(100);
                m.drain().drainN();
            });
            fx.until(() -> m.state() == ConsoleState.IDLE);
            fx.workspace.source().send(DemoMessages.generate(3000, 0.35, 0.02, 2024));
            fx.until(() -> m.queue().history().size() >= 20);
            onFx(() -> {
                m.preview().batchSizeProperty().set(40);
                m.preview().fetch();
            });
            fx.until(() -> m.state() == ConsoleState.PREVIEW);
            onFx(() -> m.preview().commit());
            fx.until(() -> m.state() == ConsoleState.IDLE);
            onFx(() -> m.preview().fetch());
            fx.until(() -> m.state() == ConsoleState.PREVIEW && fx.text("#lease").startsWith("Lease"));
            fx.until(() -> m.queue().history().size() >= 26);
            onFx(() -> {
                @SuppressWarnings("unchecked")
                TableView<PreviewRow> preview = (TableView<PreviewRow>) fx.node("#preview-table");
                preview.getSortOrder().setAll(List.of(preview.getColumns().get(0)));
                m.preview().repeatedOnlyProperty().set(true);
            });
            snap(fx, "1-main-window-live-depth-and-preview.png");

            onFx(() -> m.preview().release());
            fx.until(() -> m.state() == ConsoleState.IDLE);
            onFx(() -> m.drain().drainAll());
            fx.until(() -> ((ProgressBar) fx.node("#drain-progress")).getProgress() > 0.35);
            snap(fx, "2-drain-in-progress.png");
            fx.until(() -> m.state() == ConsoleState.IDLE, DRAIN_PATIENCE);

            onFx(() -> ((TabPane) fx.node("#tabs")).getSelectionModel().select(1));
            fx.until(() -> !m.stored().ipGroups().isEmpty() && !m.stored().latest().isEmpty());
            snap(fx, "3-committed-view-with-duplicate-summary.png");

            onFx(() -> ((TabPane) fx.node("#tabs")).getSelectionModel().select(2));
            fx.until(() -> !m.stored().rejections().isEmpty());
            snap(fx, "4-rejections-view.png");

            exploreShots(fx, m);
            // demo mode: the pipeline strip during a drain, then what masking did to one preview row
            fx.workspace.source().send(DemoMessages.generate(2000, 0.35, 0.02, 2025));
            fx.until(() -> fx.text("#queue-0").equals("2000"));
            onFx(() -> {
                ((TabPane) fx.node("#tabs")).getSelectionModel().select(0);
                m.presentation().demoModeProperty().set(true);
                m.drain().drainAll();
            });
            fx.until(() -> ((ProgressBar) fx.node("#drain-progress")).getProgress() > 0.4
                    && fx.node("#stage-card-postgres").getStyleClass().contains("lit"));
            snap(fx, "8-demo-strip-during-a-drain.png");
            fx.until(() -> m.state() == ConsoleState.IDLE, DRAIN_PATIENCE);

            fx.workspace.source().send(DemoMessages.generate(40, 0.35, 0, 2026));
            fx.until(() -> fx.text("#queue-0").equals("40"));
            onFx(() -> {
                m.preview().repeatedOnlyProperty().set(false);
                m.preview().fetch();
            });
            fx.until(() -> m.state() == ConsoleState.PREVIEW && fx.text("#lease").startsWith("Lease"));
            onFx(() -> ((TableView<?>) fx.node("#preview-table")).getSelectionModel().select(2));
            fx.until(() -> fx.text("#masking-hidden").startsWith("hidden:"));
            snap(fx, "9-what-masking-did.png");
            onFx(() -> m.preview().release());
            fx.until(() -> m.state() == ConsoleState.IDLE);
        }
    }

    /** The Explore tab over the drained rows plus 20,000 generated ones (already masked-looking). */
    private static void exploreShots(ConsoleFxHarness fx, ConsoleModel m) throws Exception {
        try (java.sql.Connection c = fx.workspace.sink().dataSource().getConnection()) {
            dev.drainboard.bench.ExploreBench.load(c, 20_000, n -> { });
        }
        onFx(() -> ((TabPane) fx.node("#tabs")).getSelectionModel().select(3));
        onFx(() -> {
            m.explore().deviceTypeProperty().set("ios");
            m.explore().localeProperty().set("PH");
            m.explore().fromProperty().set(java.time.LocalDate.of(2026, 3, 1));
            m.explore().toProperty().set(java.time.LocalDate.of(2026, 5, 31));
            m.explore().apply();
        });
        fx.until(() -> !m.explore().rows().isEmpty() && m.explore().sentenceProperty().get().endsWith("rows"));
        snap(fx, "5-explore-filter-as-a-sentence.png");

        onFx(() -> ((TabPane) fx.node("#explore-inner-tabs")).getSelectionModel().select(1));
        fx.until(() -> !m.explore().sharedDevices().isEmpty());
        onFx(() -> {
            @SuppressWarnings("unchecked")
            TableView<dev.drainboard.model.MaskSummary> t =
                    (TableView<dev.drainboard.model.MaskSummary>) fx.node("#shared-devices-table");
            t.getSelectionModel().select(0);
        });
        snap(fx, "6-explore-shared-devices.png");

        onFx(() -> {
            m.explore().clear();
            m.explore().fromProperty().set(java.time.LocalDate.of(2026, 3, 1));
            m.explore().toProperty().set(java.time.LocalDate.of(2026, 4, 15));
            m.explore().apply();
        });
        onFx(() -> ((TabPane) fx.node("#explore-inner-tabs")).getSelectionModel().select(2));
        fx.until(() -> m.explore().chartProperty(dev.drainboard.model.ChartKind.PER_DAY_BY_DEVICE).get().points()
                .size() > 10 && !m.explore().chartProperty(dev.drainboard.model.ChartKind.USERS_PER_DEVICE).get()
                .points().isEmpty());
        snap(fx, "7-explore-charts.png");
    }

    private static void onFx(Runnable r) throws ExecutionException, InterruptedException, TimeoutException {
        WaitForAsyncUtils.asyncFx(r).get(10, TimeUnit.SECONDS);
    }

    private static void snap(ConsoleFxHarness fx, String name)
            throws ExecutionException, InterruptedException, TimeoutException, IOException {
        WaitForAsyncUtils.waitForFxEvents();
        WritableImage image = WaitForAsyncUtils.asyncFx(() -> fx.scene.snapshot(null)).get(10, TimeUnit.SECONDS);
        BufferedImage png = SwingFXUtils.fromFXImage(image, null);
        ImageIO.write(png, "png", OUT.resolve(name).toFile());
    }
}
