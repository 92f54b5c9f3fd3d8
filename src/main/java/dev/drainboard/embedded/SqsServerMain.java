package dev.drainboard.embedded;

import java.util.concurrent.CountDownLatch;

/**
 * Runs ElasticMQ alone in its own JVM, in memory, on 127.0.0.1:{@code args[0]}, so that a
 * benchmark measures the drainer without the queue server sharing its heap and GC. Stops when its
 * standard input closes (the parent exited) or on SIGTERM.
 */
public final class SqsServerMain {
    private SqsServerMain() {
    }

    public static void main(String[] args) throws Exception {
        EmbeddedSqs sqs = EmbeddedSqs.start(Integer.parseInt(args[0]), null);
        CountDownLatch done = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(done::countDown));
        Thread watcher = new Thread(() -> {
            try {
                while (System.in.read() >= 0) {
                    // keep reading until the parent closes the pipe
                }
            } catch (java.io.IOException ignored) {
                // parent gone
            }
            done.countDown();
        }, "parent-watcher");
        watcher.setDaemon(true);
        watcher.start();
        done.await();
        sqs.close();
        System.exit(0);
    }
}
