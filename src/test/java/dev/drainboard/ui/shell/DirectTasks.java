package dev.drainboard.ui.shell;

import dev.drainboard.ui.common.Tasks;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;

/**
 * Runs everything on the calling (test) thread: one-shot work at once, repeating work once at
 * start and then on each {@link #tick()}. Callbacks from other threads (drain workers) are queued
 * and run on the test thread after the work returns, as the FX thread would run them.
 */
final class DirectTasks implements Tasks {
    private final Thread uiThread = Thread.currentThread();
    private final Queue<Runnable> fromOtherThreads = new ConcurrentLinkedQueue<>();
    private final List<Runnable> repeating = new ArrayList<>();

    @Override
    public <T> void run(String name, Callable<T> work, Consumer<T> onDone, Consumer<Throwable> onFail) {
        T value;
        try {
            value = work.call();
        } catch (Exception e) {
            flush();
            onFail.accept(e);
            return;
        }
        flush();
        onDone.accept(value);
    }

    @Override
    public <T> Repeating every(String name, Duration period, Callable<T> work, Consumer<T> onDone,
                               Consumer<Throwable> onFail) {
        Runnable once = () -> run(name, work, onDone, onFail);
        repeating.add(once);
        once.run();
        return () -> repeating.remove(once);
    }

    @Override
    public void onUi(Runnable action) {
        if (Thread.currentThread() == uiThread) {
            action.run();
        } else {
            fromOtherThreads.add(action);
        }
    }

    @Override
    public void shutdown() {
        repeating.clear();
    }

    /** Runs every active repetition once, as one period passing. */
    void tick() {
        new ArrayList<>(repeating).forEach(Runnable::run);
    }

    int repeatingCount() {
        return repeating.size();
    }

    private void flush() {
        for (Runnable r = fromOtherThreads.poll(); r != null; r = fromOtherThreads.poll()) {
            r.run();
        }
    }
}
