package dev.drainboard.ui.shell;

import atlantafx.base.theme.PrimerLight;
import dev.drainboard.ui.connection.ConnectionModel;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.layout.Region;

/**
 * Builds the console's window content in the one way the app, the bench's pulse probe and the
 * test harness all use: the theme, the {@link ConsoleView} over a model (with its Connection…
 * button) and its keyboard shortcuts. FX thread only.
 */
public final class ConsoleWindow {
    public static final String TITLE = "Drainboard — operator console";

    private ConsoleWindow() {
    }

    /** A scene of {@code width} x {@code height} showing the console over {@code model}. */
    public static Scene create(ConsoleModel model, ConnectionModel connection, double width, double height) {
        Scene scene = new Scene(new Region(), width, height);
        show(scene, model, connection);
        return scene;
    }

    /** Puts a fresh console view over {@code model} into {@code scene} (also after a reopen). */
    public static void show(Scene scene, ConsoleModel model, ConnectionModel connection) {
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        ConsoleView view = new ConsoleView(model, connection);
        scene.getAccelerators().clear();
        scene.setRoot(view.root());
        view.installShortcuts(scene);
    }
}
