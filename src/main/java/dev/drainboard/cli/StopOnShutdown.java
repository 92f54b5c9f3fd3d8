package dev.drainboard.cli;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * For a long batch job in the foreground (mask-table, keys re-encrypt): Ctrl-C or SIGTERM sets a
 * stop flag that the job polls between batches, and the JVM's shutdown waits (at most
 * {@code grace}) until the job has finished the batch in hand and saved its cursor. Closing it
 * (the job returned) removes the hook. Service mode uses {@link StopOnSignal} instead, which keeps
 * the JVM alive so the command can exit 0.
 */
final class StopOnShutdown implements AutoCloseable {
    private final AtomicBoolean stop = new AtomicBoolean();
    private final CountDownLatch done = new CountDownLatch(1);
    private final Thread hook;

    private StopOnShutdown(String name, Duration grace) {
        hook = new Thread(() -> {
            stop.set(true);
            try {
                done.await(grace.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, name);
    }

    static StopOnShutdown install(String name, Duration grace) {
        StopOnShutdown s = new StopOnShutdown(name, grace);
        Runtime.getRuntime().addShutdownHook(s.hook);
        return s;
    }

    /** True once a signal asked the job to stop. */
    boolean stopRequested() {
        return stop.get();
    }

    @Override
    public void close() {
        done.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running now and returns at once, the job being done
        }
    }
}
