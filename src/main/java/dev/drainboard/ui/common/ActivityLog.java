package dev.drainboard.ui.common;

import java.time.Clock;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * What happened, newest last, for the activity pane. Entries are written by view models only and
 * never carry message contents: counts, ids and plain-words errors. UI thread only.
 */
public final class ActivityLog {
    private static final int KEEP = 500;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    private final ObservableList<String> entries = FXCollections.observableArrayList();
    private final ObservableList<String> readOnly = FXCollections.unmodifiableObservableList(entries);
    private final Clock clock;

    public ActivityLog(Clock clock) {
        this.clock = clock;
    }

    public void add(String text) {
        entries.add(LocalTime.now(clock).format(TIME) + "  " + text);
        if (entries.size() > KEEP) {
            entries.remove(0, entries.size() - KEEP);
        }
    }

    public ObservableList<String> entries() {
        return readOnly;
    }

    /** The newest entry, or "" when there is none. */
    public String last() {
        return entries.isEmpty() ? "" : entries.get(entries.size() - 1);
    }
}
