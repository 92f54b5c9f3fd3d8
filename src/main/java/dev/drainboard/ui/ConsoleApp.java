package dev.drainboard.ui;

import atlantafx.base.theme.PrimerLight;
import dev.drainboard.app.Workspace;
import dev.drainboard.config.ConfigKey;
import dev.drainboard.config.ConfigLoader;
import java.time.Clock;
import java.util.Map;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.geometry.Rectangle2D;
import javafx.scene.Scene;
import javafx.stage.Screen;
import javafx.stage.Stage;

/**
 * The JavaFX application: builds the model and the view, opens the workspace in the background,
 * and on close stops everything before the process ends. Started by {@link ConsoleLauncher}.
 */
public final class ConsoleApp extends Application {
    private static volatile Map<ConfigKey, String> flags = Map.of();

    static void useFlags(Map<ConfigKey, String> f) {
        flags = Map.copyOf(f);
    }

    @Override
    public void start(Stage stage) {
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        Map<ConfigKey, String> f = flags;
        ConsoleModel model = new ConsoleModel(new FxTasks(), Clock.systemUTC());
        ConsoleView view = new ConsoleView(model);
        WindowPrefs prefs = WindowPrefs.forUser();
        Rectangle2D screen = Screen.getPrimary().getVisualBounds();
        Scene scene = new Scene(view.root(), Math.min(prefs.width(), screen.getWidth()),
                Math.min(prefs.height(), screen.getHeight()));
        view.installShortcuts(scene);
        stage.setTitle("Drainboard — operator console");
        stage.setScene(scene);
        stage.setMinWidth(1000);
        stage.setMinHeight(680);
        prefs.restore(stage);
        Platform.setImplicitExit(false);
        stage.setOnCloseRequest(e -> {
            prefs.save(stage);
            model.closing();
            Thread closer = new Thread(() -> {
                model.close();
                Platform.exit();
                System.exit(0);
            }, "console-close");
            closer.start();
        });
        stage.show();
        model.start(status -> Backend.of(Workspace.open(ConfigLoader.load(f), status::accept)));
    }
}
