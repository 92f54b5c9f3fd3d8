package dev.drainboard.support;

import dev.drainboard.config.AppConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Runs {@code drainboard drain} in a separate JVM against the given configuration. */
public final class ChildDrain {
    private ChildDrain() {
    }

    public static Process start(AppConfig c, Path log, String... extra) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                "dev.drainboard.cli.Main", "drain",
                "--sqs-endpoint=" + c.sqsEndpoint().orElseThrow(), "--queue=" + c.queue(),
                "--jdbc-url=" + c.jdbcUrl().orElseThrow(), "--data-dir=" + c.dataDir(),
                "--visibility-timeout=" + c.visibilityTimeout().toSeconds(), "--wait-seconds=0"));
        cmd.addAll(List.of(extra));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("DRAINBOARD_MASK_KEY", TestKeys.BASE64);
        return pb.start();
    }
}
