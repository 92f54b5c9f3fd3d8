package dev.drainboard.service;

import static org.awaitility.Awaitility.await;

import dev.drainboard.config.AppConfig;
import dev.drainboard.support.TestKeys;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code drainboard drain --follow} in a child JVM against a test configuration, with its output
 * in a log file; stopped with SIGTERM ({@link Process#destroy()} on Linux), as Kubernetes stops a pod.
 */
final class ServiceProcess implements AutoCloseable {
    private static final Pattern ENDPOINT = Pattern.compile("Health and metrics on (http://127\\.0\\.0\\.1:\\d+/)");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    final Process process;
    final Path log;
    private URI base;

    private ServiceProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** Starts a follow-mode drain; the database login goes in the environment, as a Secret would put it. */
    static ServiceProcess start(AppConfig c, Path log, String... extra) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx192m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                "dev.drainboard.cli.Main", "drain", "--follow",
                "--sqs-endpoint=" + c.sqsEndpoint().orElseThrow(), "--queue=" + c.queue(),
                "--jdbc-url=" + c.jdbcUrl().orElseThrow(), "--data-dir=" + c.dataDir(),
                "--visibility-timeout=" + c.visibilityTimeout().toSeconds(), "--wait-seconds=1"));
        cmd.addAll(List.of(extra));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("DRAINBOARD_MASK_KEY", TestKeys.BASE64);
        pb.environment().put("DRAINBOARD_DB_USER", c.dbUser());
        pb.environment().put("DRAINBOARD_DB_PASSWORD", c.dbPassword());
        return new ServiceProcess(pb.start(), log);
    }

    String output() {
        try {
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The health and metrics address the child printed (it was started with {@code --metrics-port=0}). */
    URI base() {
        if (base == null) {
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(100)).until(() -> {
                if (!process.isAlive()) {
                    throw new IllegalStateException("the service exited early:\n" + output());
                }
                Matcher m = ENDPOINT.matcher(output());
                if (m.find()) {
                    base = URI.create(m.group(1));
                    return true;
                }
                return false;
            });
        }
        return base;
    }

    /** Waits until the child says it is following the queue. */
    ServiceProcess awaitFollowing() {
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(100)).until(() -> {
            if (!process.isAlive()) {
                throw new IllegalStateException("the service exited early:\n" + output());
            }
            return output().contains("Following ");
        });
        return this;
    }

    HttpResponse<String> get(String path) {
        try {
            return HTTP.send(HttpRequest.newBuilder(base().resolve(path)).timeout(Duration.ofSeconds(10)).GET()
                    .build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Sends SIGTERM and waits for the exit; returns the exit code. */
    int terminate(Duration within) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(within.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("no exit within " + within + " of SIGTERM:\n" + output());
        }
        return process.exitValue();
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
        }
    }
}
