package dev.drainboard.ui.common;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * The one way the console runs work off the FX thread. View models hand it a blocking call and
 * two callbacks; the callbacks always run on the UI thread (the FX thread in the app, the caller's
 * thread in view-model tests, where a synchronous implementation is swapped in).
 */
public interface Tasks {

    /** Runs {@code work} in the background once; then exactly one of the callbacks on the UI thread. */
    <T> void run(String name, Callable<T> work, Consumer<T> onDone, Consumer<Throwable> onFail);

    /**
     * Runs {@code work} now and then every {@code period} after the previous run ended, until
     * cancelled. A failed run does not end the repetition.
     */
    <T> Repeating every(String name, Duration period, Callable<T> work, Consumer<T> onDone,
                        Consumer<Throwable> onFail);

    /** Runs {@code action} on the UI thread (later, when called from another thread). Thread-safe. */
    void onUi(Runnable action);

    /** Cancels every repetition and stops the background threads; running work is interrupted. */
    void shutdown();

    /** A running repetition. */
    interface Repeating {
        Repeating NONE = () -> { };

        void cancel();
    }
}
