package dev.drainboard.ui.shell;

import static org.awaitility.Awaitility.await;

import dev.drainboard.app.Workspace;
import dev.drainboard.config.ConfigKey;
import dev.drainboard.config.ConfigLoader;
import dev.drainboard.model.QueueDepth;
import dev.drainboard.model.StoredCounts;
import dev.drainboard.sink.Warehouse;
import dev.drainboard.ui.common.ConsoleState;
import dev.drainboard.ui.common.FxTasks;
import dev.drainboard.ui.connection.ConnectionModel;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Labeled;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * One console window over one real embedded workspace (ElasticMQ + PostgreSQL in a fresh data
 * folder, so the 100 sample messages are waiting), shared by the tests of a class.
 */
final class ConsoleFxHarness implements AutoCloseable {
    static final Duration PATIENCE = Duration.ofSeconds(30);

    final Workspace workspace;
    final ConsoleModel model;
    final FxRobot robot = new FxRobot();
    final Scene scene;

    private ConsoleFxHarness(Workspace workspace, ConsoleModel model, Scene scene) {
        this.workspace = workspace;
        this.model = model;
        this.scene = scene;
    }

    /** Opens the workspace and a window of {@code width} x {@code height}, and waits until it is live. */
    static ConsoleFxHarness open(Path dataDir, Map<ConfigKey, String> extra, double width, double height)
            throws Exception {
        Stage stage = FxToolkit.registerPrimaryStage();
        Map<ConfigKey, String> flags = new EnumMap<>(ConfigKey.class);
        flags.put(ConfigKey.DATA_DIR, dataDir.toString());
        // Embedded ElasticMQs in one JVM share their message store, so each class gets its own queue.
        flags.put(ConfigKey.QUEUE, "login-queue-" + Long.toHexString(System.nanoTime()));
        flags.putAll(extra);
        Workspace ws = Workspace.open(ConfigLoader.load(flags), s -> { });
        ConsoleModel[] model = new ConsoleModel[1];
        Scene[] scene = new Scene[1];
        FxToolkit.setupStage(s -> {
            model[0] = new ConsoleModel(new FxTasks(), Clock.systemUTC());
            // the same window as ConsoleApp and the pulse bench build, Connection… button included
            scene[0] = ConsoleWindow.create(model[0],
                    new ConnectionModel(new FxTasks(), flags, ConnectionModel.Checker.real()), width, height);
            s.setScene(scene[0]);
            s.setX(0);
            s.setY(0);
            s.show();
            s.toFront();
            model[0].start(status -> ws.operations().borrowed());
        });
        ConsoleFxHarness h = new ConsoleFxHarness(ws, model[0], scene[0]);
        h.until(() -> h.model.state() == ConsoleState.IDLE && h.text("#sqs-status").equals("SQS ok")
                && !h.text("#queue-0").equals("–"));
        return h;
    }

    void until(Callable<Boolean> condition) {
        until(condition, PATIENCE);
    }

    /** As {@link #until(Callable)} with a patience of its own (a long drain on a loaded machine). */
    void until(Callable<Boolean> condition, Duration patience) {
        try {
            await().atMost(patience).pollInterval(Duration.ofMillis(50)).until(() -> {
                WaitForAsyncUtils.waitForFxEvents();
                return condition.call();
            });
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("The window did not get there in " + patience.toSeconds() + " s; it shows: "
                    + describe(), e);
        }
    }

    /** What the window shows, for a failure message. */
    String describe() {
        return "state " + model.state() + ", queue " + text("#queue-0") + "/" + text("#queue-1") + ", "
                + text("#sqs-status") + ", " + text("#db-status") + ", rows " + text("#rows-count") + ", banner '"
                + model.bannerProperty().get() + "', last log '" + model.log().last() + "'";
    }

    String text(String query) {
        return robot.lookup(query).queryAs(Labeled.class).getText();
    }

    long number(String query) {
        return Long.parseLong(text(query));
    }

    @SuppressWarnings("unchecked")
    <T> List<T> items(String tableQuery) {
        TableView<T> t = robot.lookup(tableQuery).queryAs(TableView.class);
        return List.copyOf(t.getItems());
    }

    /** Messages in the preview: parsed rows plus rejected ones. */
    int previewSize() {
        return items("#preview-table").size() + items("#preview-rejections").size();
    }

    Node node(String query) {
        return robot.lookup(query).query();
    }

    /** Clicks a button once it is enabled (a click on a disabled button would be lost). */
    void click(String query) {
        until(() -> !node(query).isDisabled());
        robot.clickOn(query);
        WaitForAsyncUtils.waitForFxEvents();
    }

    QueueDepth depth() {
        return workspace.source().depth();
    }

    StoredCounts counts() {
        return new Warehouse(workspace.sink().dataSource()).counts();
    }

    @Override
    public void close() throws Exception {
        model.closing();
        model.close();
        FxToolkit.cleanupStages();
        workspace.close();
    }
}
