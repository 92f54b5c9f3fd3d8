package dev.drainboard.ui.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM to the console on the embedded default (a logout, {@code kill}) closes it as its window's
 * close button does: its servers stop in order and none is left running on the data folder.
 */
class ConsoleSignalTest {

    @Test
    void sigtermClosesTheConsoleAndStopsItsEmbeddedServers(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("data");
        Path log = data.resolve("logs").resolve("drainboard.log");
        ProcessBuilder pb = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-Dglass.platform=Monocle", "-Dmonocle.platform=Headless", "-Dprism.order=sw",
                "-Djava.awt.headless=true", "-Duser.home=" + dir, "-cp", System.getProperty("java.class.path"),
                "dev.drainboard.cli.Main", "console", "--data-dir=" + data))
                .redirectErrorStream(true).redirectOutput(dir.resolve("out.txt").toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("DRAINBOARD_"));
        Process console = pb.start();
        try {
            await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(200)).until(() ->
                    Files.exists(log) && Files.readString(log).contains("Workspace open"));
            Path postmasterPid = data.resolve("postgres").resolve("postmaster.pid");
            assertThat(postmasterPid).exists();

            console.toHandle().destroy(); // SIGTERM
            assertThat(console.waitFor(60, TimeUnit.SECONDS)).as(Files.readString(dir.resolve("out.txt"))).isTrue();

            String written = Files.readString(log);
            assertThat(written).as(Files.readString(dir.resolve("out.txt"))).contains("Asked to stop").contains("Stopped").doesNotContain("ERROR");
            assertThat(postmasterPid).as("PostgreSQL stopped, not orphaned").doesNotExist();
        } finally {
            console.destroyForcibly();
        }
    }
}
