package dev.drainboard.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * {@code drainboard <command>} in a JVM of its own, as a user runs it: no endpoints, no key in the
 * environment (every {@code DRAINBOARD_*} variable of the test JVM removed), only the flags given.
 * Its output (stdout and stderr together) is collected line by line, so a test can wait for a line
 * and then kill the process for real.
 */
public final class ChildCli implements AutoCloseable {
    private final Process process;
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Thread reader;

    private ChildCli(Process process) {
        this.process = process;
        this.reader = new Thread(this::pump, "child-cli-output");
        reader.setDaemon(true);
        reader.start();
    }

    public static ChildCli start(String... args) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                "dev.drainboard.cli.Main"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().keySet().removeIf(k -> k.startsWith("DRAINBOARD_"));
        try {
            return new ChildCli(pb.start());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void pump() {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            String l;
            while ((l = r.readLine()) != null) {
                lines.add(l);
            }
        } catch (IOException closed) {
            // the process died
        }
    }

    /** Waits for a line that matches, or for the process to end; true when the line came. */
    public boolean awaitLine(Predicate<String> match, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (lines.stream().anyMatch(match)) {
                return true;
            }
            if (!process.isAlive()) {
                reader.join(2_000);
                return lines.stream().anyMatch(match);
            }
            Thread.sleep(5);
        }
        return false;
    }

    /** Waits for the process to exit on its own and returns its exit code. */
    public int await(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the child did not exit within " + timeout + "; its output:\n" + output());
        }
        reader.join(2_000);
        return process.exitValue();
    }

    /** SIGKILL, as {@code kill -9}: no shutdown hook runs. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /**
     * SIGTERM, as a service manager or {@code kill} sends it. Through the process handle: {@code
     * Process.destroy} would also close the pipes and lose what the process prints while it stops.
     */
    public void terminate() {
        process.toHandle().destroy();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public long pid() {
        return process.pid();
    }

    public String output() {
        return String.join("\n", lines);
    }

    /** SIGKILLs the embedded PostgreSQL of {@code dataDir}, if one runs, and waits until it is gone. */
    public static void killEmbeddedPostgres(Path dataDir) throws IOException, InterruptedException {
        Path pidFile = dataDir.resolve("postgres").resolve("postmaster.pid");
        if (!Files.isRegularFile(pidFile)) {
            return;
        }
        long pid;
        try {
            pid = Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
        } catch (RuntimeException | IOException unreadable) {
            return;
        }
        ProcessHandle.of(pid).filter(p -> p.info().command().orElse("").contains("postgres")).ifPresent(pm -> {
            List<ProcessHandle> backends = pm.children().toList();
            pm.destroyForcibly();
            backends.forEach(ProcessHandle::destroyForcibly);
            pm.onExit().orTimeout(30, TimeUnit.SECONDS).join();
            backends.forEach(b -> b.onExit().orTimeout(30, TimeUnit.SECONDS).join());
        });
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }

    /** How long {@link #await} waits by default for a command on the embedded default. */
    public static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(180);
}
