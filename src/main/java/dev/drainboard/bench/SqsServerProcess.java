package dev.drainboard.bench;

import dev.drainboard.embedded.EmbeddedSqs;
import dev.drainboard.embedded.SqsServerMain;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A standalone ElasticMQ in a child JVM, started from this JVM's own classpath. */
public final class SqsServerProcess implements AutoCloseable {
    private final Process process;
    private final URI endpoint;

    private SqsServerProcess(Process process, URI endpoint) {
        this.process = process;
        this.endpoint = endpoint;
    }

    /** A heap that holds {@code messages} queued messages: 512 MB plus about 2 KB per message, at most 8 GB. */
    public static int heapMbFor(long messages) {
        return (int) Math.min(8192, 512 + messages * 2048 / 1_000_000);
    }

    public static SqsServerProcess start(int heapMb) throws IOException, InterruptedException {
        int port = EmbeddedSqs.freePort();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(List.of(java, "-Xmx" + heapMb + "m", "-XX:+UseParallelGC",
                "-cp", System.getProperty("java.class.path"), SqsServerMain.class.getName(), Integer.toString(port)))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.INHERIT);
        Process p = pb.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                throw new IOException("the ElasticMQ process exited with code " + p.exitValue());
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return new SqsServerProcess(p, URI.create("http://127.0.0.1:" + port));
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        p.destroyForcibly();
        throw new IOException("ElasticMQ did not open port " + port + " within 60 s");
    }

    public ProcessHandle handle() {
        return process.toHandle();
    }

    public URI endpoint() {
        return endpoint;
    }

    @Override
    public void close() {
        try {
            process.getOutputStream().close();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (IOException | InterruptedException e) {
            process.destroyForcibly();
        }
    }
}
