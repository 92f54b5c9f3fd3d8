package dev.drainboard.ui.common;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.concurrent.ScheduledService;
import javafx.concurrent.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The console's only adapter between the FX thread and blocking pipeline calls: one-shot work runs
 * as a {@link Task}, repeating work as a {@link ScheduledService}, both on one daemon thread pool.
 * Callbacks run on the FX thread. Every other class in {@code ui} stays single-threaded.
 */
public final class FxTasks implements Tasks {
    private static final Logger log = LoggerFactory.getLogger(FxTasks.class);

    private final AtomicInteger threads = new AtomicInteger();
    private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "console-task-" + threads.incrementAndGet());
        t.setDaemon(true);
        return t;
    });
    private final List<ScheduledService<?>> services = new CopyOnWriteArrayList<>();

    @Override
    public <T> void run(String name, Callable<T> work, Consumer<T> onDone, Consumer<Throwable> onFail) {
        Task<T> task = new Task<>() {
            @Override
            protected T call() throws Exception {
                return work.call();
            }
        };
        task.setOnSucceeded(e -> onDone.accept(task.getValue()));
        task.setOnFailed(e -> {
            log.debug("{} failed", name, task.getException());
            onFail.accept(task.getException());
        });
        if (pool.isShutdown()) {
            return;
        }
        pool.execute(task);
    }

    @Override
    public <T> Repeating every(String name, Duration period, Callable<T> work, Consumer<T> onDone,
                               Consumer<Throwable> onFail) {
        ScheduledService<T> service = new ScheduledService<>() {
            @Override
            protected Task<T> createTask() {
                return new Task<>() {
                    @Override
                    protected T call() throws Exception {
                        return work.call();
                    }
                };
            }
        };
        service.setExecutor(pool);
        service.setPeriod(javafx.util.Duration.millis(period.toMillis()));
        service.setRestartOnFailure(true);
        service.setOnSucceeded(e -> onDone.accept(service.getValue()));
        service.setOnFailed(e -> onFail.accept(service.getException()));
        services.add(service);
        onUi(service::start);
        return () -> onUi(() -> {
            service.cancel();
            services.remove(service);
        });
    }

    @Override
    public void onUi(Runnable action) {
        if (Platform.isFxApplicationThread()) {
            action.run();
        } else {
            Platform.runLater(action);
        }
    }

    /**
     * Runs blocking {@code work} once on a thread of its own: closing or reopening the console,
     * which shuts down the pools of the models it closes and so cannot run on one of them.
     */
    public static void detached(String name, Runnable work) {
        new Thread(work, name).start();
    }

    @Override
    public void shutdown() {
        onUi(() -> {
            services.forEach(ScheduledService::cancel);
            services.clear();
        });
        pool.shutdownNow();
    }
}
