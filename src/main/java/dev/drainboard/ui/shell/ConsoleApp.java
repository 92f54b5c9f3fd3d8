package dev.drainboard.ui.shell;

import dev.drainboard.app.Migration;
import dev.drainboard.app.Workspace;
import dev.drainboard.config.ConfigException;
import dev.drainboard.config.ConfigKey;
import dev.drainboard.config.ConfigLoader;
import dev.drainboard.ui.common.FxTasks;
import dev.drainboard.ui.connection.ConnectionModel;
import java.time.Clock;
import java.util.Map;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.geometry.Rectangle2D;
import javafx.scene.Scene;
import javafx.scene.layout.Region;
import javafx.stage.Screen;
import javafx.stage.Stage;

/**
 * The JavaFX application: builds the model and the view, opens the workspace in the background,
 * and on close stops everything before the process ends. "Use these settings" in the connection
 * dialog closes the current model (off the FX thread) and opens a new one in the same window.
 * Started by {@link ConsoleLauncher}.
 */
public final class ConsoleApp extends Application {
    private static volatile Map<ConfigKey, String> flags = Map.of();
    private final FxTasks connectionTasks = new FxTasks();
    private Scene scene;
    private ConsoleModel model;
    private ConnectionModel connection;
    private WindowPrefs prefs;

    public static void useFlags(Map<ConfigKey, String> f) {
        flags = Map.copyOf(f);
    }

    @Override
    public void start(Stage stage) {
        connection = new ConnectionModel(connectionTasks, settingsInEffect(flags), ConnectionModel.Checker.real());
        connection.onUse(this::reopen);
        prefs = WindowPrefs.forUser();
        Rectangle2D screen = Screen.getPrimary().getVisualBounds();
        scene = new Scene(new Region(), Math.min(prefs.width(), screen.getWidth()),
                Math.min(prefs.height(), screen.getHeight()));
        stage.setTitle(ConsoleWindow.TITLE);
        stage.setScene(scene);
        stage.setMinWidth(1000);
        stage.setMinHeight(680);
        prefs.restore(stage);
        Platform.setImplicitExit(false);
        stage.setOnCloseRequest(e -> {
            ConsoleModel current = model;
            prefs.rememberZoom(current.presentation().zoomProperty().get());
            prefs.save(stage);
            current.closing();
            FxTasks.detached("console-close", () -> {
                current.close();
                connectionTasks.shutdown();
                Platform.exit();
                System.exit(0);
            });
        });
        open(flags);
        stage.show();
    }

    /** What the Connection dialog starts from; invalid settings are shown as given (the start reports them). */
    private static Map<ConfigKey, String> settingsInEffect(Map<ConfigKey, String> f) {
        try {
            return ConnectionModel.inEffect(f, ConfigLoader.load(f));
        } catch (ConfigException invalid) {
            return f;
        }
    }

    /** Builds a new model and view on {@code f} and starts opening its workspace. FX thread. */
    private void open(Map<ConfigKey, String> f) {
        int zoom = model == null ? prefs.zoom() : model.presentation().zoomProperty().get();
        model = new ConsoleModel(new FxTasks(), Clock.systemUTC());
        model.presentation().restoreZoom(zoom);
        ConsoleWindow.show(scene, model, connection);
        ConsoleModel current = model;
        // SIGTERM / Ctrl-C: the same close as the window's (drain stopped, batch released, servers in order)
        model.start(opener(f, current::close), migrator(f));
    }

    /** Closes the current workspace (blocking, so off the FX thread), then opens one on {@code f}. */
    private void reopen(Map<ConfigKey, String> f) {
        ConsoleModel old = model;
        old.closing();
        FxTasks.detached("console-reopen", () -> {
            old.close();
            Platform.runLater(() -> open(f));
        });
    }

    /** Opens the workspace for {@code f} (the start path of the app, and of a reopen). */
    public static ConsoleModel.Opener opener(Map<ConfigKey, String> f) {
        return opener(f, () -> { });
    }

    /** The same, with what to run when the process is asked to stop while the workspace is open. */
    static ConsoleModel.Opener opener(Map<ConfigKey, String> f, Runnable onSignal) {
        return status -> {
            Workspace w = Workspace.open(ConfigLoader.load(f), status::accept);
            w.onShutdown(onSignal);
            return w.operations();
        };
    }

    /** Runs {@link Migration#migrateAppVersion} on the database of {@code f}. */
    public static ConsoleModel.Migrator migrator(Map<ConfigKey, String> f) {
        return () -> Migration.migrateAppVersion(ConfigLoader.load(f));
    }
}
