package dev.drainboard.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * scripts/start, stop and clean against a stand-in `docker` on PATH (no engine runs here): which
 * compose commands they issue, and that start waits for "healthy" and gives up on "unhealthy".
 */
class ComposeScriptsTest {
    private static final Path ROOT = Path.of("").toAbsolutePath();

    /** Answers like Docker with the Compose v2 plugin; each container is "starting" once, then $HEALTH. */
    private static final String FAKE_DOCKER = """
            #!/usr/bin/env bash
            echo "docker $*" >>"$FAKE_LOG"
            case "$1" in
              compose)
                case "$2" in
                  ps) printf 'c1\\nc2\\n' ;;
                esac ;;
              inspect)
                id="${*: -1}"
                if [ -f "$FAKE_DIR/$id" ]; then echo "$HEALTH"; else touch "$FAKE_DIR/$id"; echo starting; fi ;;
              logs) echo "last log line of ${*: -1}" ;;
            esac
            """;

    @TempDir
    Path dir;

    @Test
    void startBringsTheStackUpAndWaitsUntilEveryContainerIsHealthy() throws Exception {
        ExternalTool.Result r = run("scripts/start", "healthy");
        assertThat(r.exitCode()).as(r.output()).isZero();
        assertThat(r.output()).contains("Ready: SQS at http://localhost:4566, PostgreSQL at localhost:5432");
        List<String> calls = calls();
        assertThat(calls).contains("docker compose up -d", "docker compose ps -q");
        assertThat(calls.stream().filter(c -> c.startsWith("docker inspect")).count()).isGreaterThanOrEqualTo(4);
    }

    @Test
    void startFailsWithTheContainersLogWhenAHealthCheckFails() throws Exception {
        ExternalTool.Result r = run("scripts/start", "unhealthy");
        assertThat(r.exitCode()).isNotZero();
        assertThat(r.output()).contains("A container is unhealthy", "last log line of c1");
    }

    @Test
    void stopKeepsTheDatabaseVolumeAndCleanDeletesIt() throws Exception {
        assertThat(run("scripts/stop", "healthy").exitCode()).isZero();
        assertThat(run("scripts/clean", "healthy").exitCode()).isZero();
        assertThat(calls()).containsSubsequence("docker compose down", "docker compose down --volumes --remove-orphans");
    }

    private ExternalTool.Result run(String script, String health) throws Exception {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path docker = bin.resolve("docker");
        Files.writeString(docker, FAKE_DOCKER, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(docker, PosixFilePermissions.fromString("rwxr-xr-x"));
        return ExternalTool.run(ROOT, Map.of("PATH", bin + ":" + System.getenv("PATH"),
                "FAKE_LOG", dir.resolve("calls.log").toString(), "FAKE_DIR", dir.toString(), "HEALTH", health,
                "COMPOSE_POLL_SECONDS", "0.1"),
                List.of(script), 30);
    }

    private List<String> calls() throws Exception {
        return Files.readAllLines(dir.resolve("calls.log"), StandardCharsets.UTF_8);
    }
}
