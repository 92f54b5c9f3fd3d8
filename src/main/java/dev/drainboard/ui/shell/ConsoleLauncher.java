package dev.drainboard.ui.shell;

import dev.drainboard.config.ConfigKey;
import java.util.Map;
import javafx.application.Application;

/** Starts the console. A plain class (not an Application), so it can be the main of a classpath jar. */
public final class ConsoleLauncher {
    private ConsoleLauncher() {
    }

    public static void main(String[] args) {
        launch(Map.of());
    }

    /** Opens the console window with these settings (flags win over environment and file); blocks until it closes. */
    public static void launch(Map<ConfigKey, String> flags) {
        ConsoleApp.useFlags(flags);
        Application.launch(ConsoleApp.class);
    }
}
