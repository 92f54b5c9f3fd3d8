package dev.drainboard.ui;

import atlantafx.base.theme.PrimerLight;
import com.zaxxer.hikari.HikariDataSource;
import dev.drainboard.app.Workspace;
import dev.drainboard.config.AppConfig;
import dev.drainboard.config.ConfigKey;
import dev.drainboard.config.ConfigLoader;
import dev.drainboard.sink.PostgresLoginSink;
import dev.drainboard.sink.Schema;
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

    static void useFlags(Map<ConfigKey, String> f) {
        flags = Map.copyOf(f);
    }

    @Override
    public void start(Stage stage) {
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        connection = new ConnectionModel(connectionTasks, settingsInEffect(flags), new ConnectionCheck());
        connection.onUse(this::reopen);
        WindowPrefs prefs = WindowPrefs.forUser();
        Rectangle2D screen = Screen.getPrimary().getVisualBounds();
        scene = new Scene(new Region(), Math.min(prefs.width(), screen.getWidth()),
                Math.min(prefs.height(), screen.getHeight()));
        stage.setTitle("Drainboard — operator console");
        stage.setScene(scene);
        stage.setMinWidth(1000);
        stage.setMinHeight(680);
        prefs.restore(stage);
        Platform.setImplicitExit(false);
        stage.setOnCloseRequest(e -> {
            prefs.save(stage);
            ConsoleModel current = model;
            current.closing();
            Thread closer = new Thread(() -> {
                current.close();
                connectionTasks.shutdown();
                Platform.exit();
                System.exit(0);
            }, "console-close");
            closer.start();
        });
        open(flags);
        stage.show();
    }

    /** What the Connection dialog starts from; invalid settings are shown as given (the start reports them). */
    private static Map<ConfigKey, String> settingsInEffect(Map<ConfigKey, String> f) {
        try {
            return ConnectionModel.inEffect(f, ConfigLoader.load(f));
        } catch (dev.drainboard.config.ConfigException invalid) {
            return f;
        }
    }

    /** Builds a new model and view on {@code f} and starts opening its workspace. FX thread. */
    private void open(Map<ConfigKey, String> f) {
        model = new ConsoleModel(new FxTasks(), Clock.systemUTC());
        ConsoleView view = new ConsoleView(model, connection);
        scene.getAccelerators().clear();
        scene.setRoot(view.root());
        view.installShortcuts(scene);
        ConsoleModel current = model;
        // SIGTERM / Ctrl-C: the same close as the window's (drain stopped, batch released, servers in order)
        model.start(opener(f, current::close), migrator(f));
    }

    /** Closes the current workspace (blocking, so off the FX thread), then opens one on {@code f}. */
    private void reopen(Map<ConfigKey, String> f) {
        ConsoleModel old = model;
        old.closing();
        Thread t = new Thread(() -> {
            old.close();
            Platform.runLater(() -> open(f));
        }, "console-reopen");
        t.start();
    }

    /** Opens the workspace for {@code f} (the start path of the app, and of a reopen). */
    static ConsoleModel.Opener opener(Map<ConfigKey, String> f) {
        return opener(f, () -> { });
    }

    /** The same, with what to run when the process is asked to stop while the workspace is open. */
    static ConsoleModel.Opener opener(Map<ConfigKey, String> f, Runnable onSignal) {
        return status -> {
            Workspace w = Workspace.open(ConfigLoader.load(f), status::accept);
            w.onShutdown(onSignal);
            return Backend.of(w);
        };
    }

    /** Runs {@link Schema#migrateAppVersion} on the database of {@code f}, over a one-connection pool. */
    static ConsoleModel.Migrator migrator(Map<ConfigKey, String> f) {
        return () -> {
            AppConfig c = ConfigLoader.load(f);
            try (HikariDataSource ds = PostgresLoginSink.pool(c.jdbcUrl().orElseThrow(), c.dbUser(), c.dbPassword(),
                    1)) {
                Schema.migrateAppVersion(ds);
            }
        };
    }
}
