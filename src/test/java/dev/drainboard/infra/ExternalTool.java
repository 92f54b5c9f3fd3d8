package dev.drainboard.infra;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Programs from Debian's packages that some tests run (docker-compose, aws). `.ci/run` installs
 * them, so in CI (environment variable CI set) a missing one fails the test; on a developer's
 * machine without it the test is skipped, with the command that installs it.
 */
public final class ExternalTool {
    private ExternalTool() {
    }

    /** The first of {@code candidates} that is an executable file, or the command found on PATH. */
    public static Path require(String command, String debianPackage, String... candidates) {
        Optional<Path> found = find(command, candidates);
        if (found.isEmpty()) {
            String why = command + " is not installed (apt-get install -y " + debianPackage + ")";
            String ci = System.getenv("CI");
            if (ci != null && !ci.isBlank() && !ci.equalsIgnoreCase("false")) {
                fail(why + "; .ci/run installs it, so in CI this is an error, not a skip");
            }
            assumeTrue(false, why + "; skipped outside CI");
        }
        return found.get();
    }

    static Optional<Path> find(String command, String... candidates) {
        for (String c : candidates) {
            Path p = Path.of(c);
            if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path p = Path.of(dir, command);
            if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** What a finished process said (stdout and stderr together) and its exit code. */
    public record Result(int exitCode, String output) {
    }

    /** Runs a command in {@code dir} with extra environment variables; kills it after the timeout. */
    public static Result run(Path dir, Map<String, String> env, List<String> command, int timeoutSeconds)
            throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().keySet().removeIf(k -> k.startsWith("DRAINBOARD_"));
        pb.environment().putAll(env);
        Path log = Files.createTempFile("drainboard-tool", ".log");
        try {
            pb.redirectOutput(log.toFile());
            Process p = pb.start();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor();
                fail(String.join(" ", command) + " did not finish in " + timeoutSeconds + " s:\n"
                        + Files.readString(log, StandardCharsets.UTF_8));
            }
            return new Result(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(log);
        }
    }
}
