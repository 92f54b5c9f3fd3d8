package dev.drainboard.ui.common;

import dev.drainboard.app.Operations;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * What the console's view models share: the one {@link ConsoleState}, the application facade
 * ({@link Operations}) once it is open, the activity log, the error banner, and the one event
 * "something stored changed". It holds no resources of its own. UI thread only.
 */
public final class Session {
    private final Tasks tasks;
    private final Clock clock;
    private final ActivityLog log;
    private final ReadOnlyObjectWrapper<ConsoleState> state = new ReadOnlyObjectWrapper<>(ConsoleState.STARTING);
    private final ReadOnlyStringWrapper banner = new ReadOnlyStringWrapper("");
    private final List<Runnable> storedChanged = new ArrayList<>();
    private Operations operations;

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
    public void setState(ConsoleState s) {
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
    public void problem(String action, Throwable failure) {
        String text = Problems.describe(action, failure);
        banner.set(text);
        log.add(text);
    }

    /** The facade; every call on it blocks, so make them inside {@link Tasks} work. */
    public Operations operations() {
        if (operations == null) {
            throw new IllegalStateException("the console is not connected yet");
        }
        return operations;
    }

    public boolean connected() {
        return operations != null;
    }

    public void connect(Operations ops) {
        this.operations = ops;
    }

    /** Registers a refresh to run after something was committed, replayed or sent. */
    public void onStoredChanged(Runnable r) {
        storedChanged.add(r);
    }

    /** Tells the committed and rejections views (and the queue panel) to reload. */
    public void storedChanged() {
        storedChanged.forEach(Runnable::run);
    }
}
