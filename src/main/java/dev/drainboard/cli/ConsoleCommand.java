package dev.drainboard.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "console", mixinStandardHelpOptions = true, description = "Open the operator console (the default).")
final class ConsoleCommand implements Callable<Integer> {
    @Mixin
    ConfigOptions options;

    @Override
    public Integer call() {
        options.load();
        dev.drainboard.ui.shell.ConsoleLauncher.launch(options.flags());
        return 0;
    }
}
