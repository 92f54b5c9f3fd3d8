package dev.drainboard.ui;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * What the view models share: the one {@link ConsoleState}, the backend once it is open, the
 * activity log and the error banner. UI thread only.
 */
public final class Session {
    private final Tasks tasks;
    private final Clock clock;
    private final ActivityLog log;
    private final ReadOnlyObjectWrapper<ConsoleState> state = new ReadOnlyObjectWrapper<>(ConsoleState.STARTING);
    private final ReadOnlyStringWrapper banner = new ReadOnlyStringWrapper("");
    private final List<Runnable> storedChanged = new ArrayList<>();
    private Backend backend;

    public Session(Tasks tasks, Clock clock) {
        this.tasks = tasks;
        this.clock = clock;
        this.log = new ActivityLog(clock);
    }

    public Tasks tasks() {
        return tasks;
    }

    public Clock clock() {
        return clock;
    }

    public ActivityLog log() {
        return log;
    }

    public ReadOnlyObjectProperty<ConsoleState> stateProperty() {
        return state.getReadOnlyProperty();
    }

    public ConsoleState state() {
        return state.get();
    }

    /** Moves to {@code s}; once CLOSED, stays closed (late callbacks must not re-enable buttons). */
    void setState(ConsoleState s) {
        if (state.get() != ConsoleState.CLOSED) {
            state.set(s);
        }
    }

    /** The plain-words description of the last failure; "" when there is nothing to report. */
    public ReadOnlyStringProperty bannerProperty() {
        return banner.getReadOnlyProperty();
    }

    public void dismissBanner() {
        banner.set("");
    }

    /** Reports a failure on the banner and in the log. */
    void problem(String action, Throwable failure) {
        String text = Problems.describe(action, failure);
        banner.set(text);
        log.add(text);
    }

    Backend backend() {
        if (backend == null) {
            throw new IllegalStateException("the console is not connected yet");
        }
        return backend;
    }

    boolean connected() {
        return backend != null;
    }

    void connect(Backend b) {
        this.backend = b;
    }

    /** Registers a refresh to run after something was committed, replayed or sent. */
    void onStoredChanged(Runnable r) {
        storedChanged.add(r);
    }

    /** Tells the committed and rejections views (and the queue panel) to reload. */
    void storedChanged() {
        storedChanged.forEach(Runnable::run);
    }
}
