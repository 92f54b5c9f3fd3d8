package dev.drainboard.support;

import dev.drainboard.config.AppConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

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

    /**
     * Starts a child {@code drain} with {@code extra} flags and kills it with SIGKILL once it has
     * committed something, at a random moment up to 250 ms later, until {@code kills} children were
     * killed while running (a child that finished on its own does not count; at most 2 × kills
     * starts). Returns how many were killed.
     */
    public static int killRepeatedly(AppConfig c, String jdbc, Path dir, int kills, Random rnd, String... extra)
            throws Exception {
        int killed = 0;
        for (int attempt = 0; killed < kills && attempt < 2 * kills; attempt++) {
            long before = Db.count(jdbc, "SELECT count(*) FROM drainboard_ledger");
            Process child = start(c, dir.resolve("child-" + attempt + ".log"), extra);
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60))
                    .pollInterval(java.time.Duration.ofMillis(20)).until(() ->
                            !child.isAlive() || Db.count(jdbc, "SELECT count(*) FROM drainboard_ledger") > before);
            Thread.sleep(rnd.nextInt(250));
            if (child.isAlive()) {
                child.destroyForcibly();
                killed++;
            }
            if (!child.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                throw new AssertionError("a killed drain did not end within 30 s");
            }
        }
        return killed;
    }
}
