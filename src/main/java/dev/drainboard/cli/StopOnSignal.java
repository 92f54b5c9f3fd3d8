package dev.drainboard.cli;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * Graceful stop for service mode. SIGTERM and SIGINT no longer start the JVM's shutdown (which
 * would exit with 143 or 130 while the drain is still committing): the first one runs
 * {@code onStop} and the drain finishes its commit in flight, releases what it holds and returns,
 * so the command exits 0 on its own. If that takes longer than {@code timeout}, or a second signal
 * comes, the process exits with 1; whatever was not committed comes back after its visibility
 * timeout, and the ledger skips what was. (Java 17 has no public API for signals: sun.misc.Signal,
 * in the jdk.unsupported module, is the one the JDK keeps for this.)
 */
final class StopOnSignal {
    private static final Logger log = LoggerFactory.getLogger(StopOnSignal.class);

    private StopOnSignal() {
    }

    static void install(Runnable onStop, Duration timeout, java.util.function.Consumer<String> say) {
        AtomicInteger signals = new AtomicInteger();
        sun.misc.SignalHandler handler = sig -> {
            int n = signals.incrementAndGet();
            if (n == 1) {
                say.accept("SIG" + sig.getName() + ": stopping after the commit in flight (at most "
                        + timeout.toSeconds() + " s)");
                onStop.run();
                Thread watchdog = new Thread(() -> {
                    try {
                        Thread.sleep(timeout.toMillis());
                    } catch (InterruptedException e) {
                        return;
                    }
                    log.error("The drain did not stop within {} s; exiting without waiting further", timeout.toSeconds());
                    say.accept("Did not stop within " + timeout.toSeconds() + " s; exiting. Uncommitted messages "
                            + "return to the queue after their visibility timeout.");
                    System.exit(1);
                }, "shutdown-watchdog");
                watchdog.setDaemon(true);
                watchdog.start();
            } else {
                say.accept("Second SIG" + sig.getName() + ": exiting now");
                System.exit(1);
            }
        };
        for (String name : new String[] {"TERM", "INT"}) {
            try {
                Signal.handle(new Signal(name), handler);
            } catch (IllegalArgumentException inUse) {
                // e.g. -Xrs or a debugger holds the signal: the JVM's own handling (exit 128+n) stays
                log.warn("SIG{} cannot be handled here ({}); it will stop the process without waiting for the "
                        + "commit in flight", name, inUse.getMessage());
            }
        }
    }
}
