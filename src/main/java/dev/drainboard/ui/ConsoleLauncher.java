package dev.drainboard.ui;

import dev.drainboard.config.ConfigKey;
import java.util.Map;

/** Starts the console. A plain class (not an Application), so it can be the main of a classpath jar. */
public final class ConsoleLauncher {
    private ConsoleLauncher() {
    }

    public static void main(String[] args) {
        launch(Map.of());
    }

    public static void launch(Map<ConfigKey, String> flags) {
        throw new UnsupportedOperationException("the console is not built yet; use a subcommand (see --help)");
    }
}
