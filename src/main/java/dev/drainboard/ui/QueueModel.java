package dev.drainboard.ui;

import dev.drainboard.model.QueueDepth;
import dev.drainboard.sink.Warehouse.Counts;
import java.time.Duration;
import java.time.Instant;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The live queue panel and the header's server lights: polls both queues and the PostgreSQL
 * counts every second. A part that cannot be reached shows "unreachable", never its last numbers.
 */
public final class QueueModel {
    static final String UNREACHABLE = "unreachable";
    static final int HISTORY_POINTS = 300;

    /** One poll; a null part failed, and its error says why. */
    record Snapshot(QueueDepth queue, QueueDepth deadLetter, String sqsError, Counts counts, String dbError) {
    }

    /** One point of the depth chart. */
    public record DepthPoint(long second, long available, long inFlight) {
    }

    private final Session session;
    private Instant started;
    private final ReadOnlyStringWrapper[] queueCells = cells(3);
    private final ReadOnlyStringWrapper[] deadLetterCells = cells(3);
    private final ReadOnlyStringWrapper rows = new ReadOnlyStringWrapper("–");
    private final ReadOnlyStringWrapper rejections = new ReadOnlyStringWrapper("–");
    private final ReadOnlyBooleanWrapper sqsUp = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper dbUp = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper sqsCause = new ReadOnlyStringWrapper("not connected yet");
    private final ReadOnlyStringWrapper dbCause = new ReadOnlyStringWrapper("not connected yet");
    private final ObservableList<DepthPoint> history = FXCollections.observableArrayList();
    private final ObservableList<DepthPoint> historyView = FXCollections.unmodifiableObservableList(history);
    private Tasks.Repeating polling = Tasks.Repeating.NONE;
    private long lastAvailable = -1;

    QueueModel(Session session) {
        this.session = session;
        this.started = session.clock().instant();
    }

    /** Starts the one-second polling; called once the backend is open. */
    void start() {
        started = session.clock().instant();
        polling = session.tasks().every("poll depth", Duration.ofSeconds(1), this::poll, this::show,
                e -> show(new Snapshot(null, null, Problems.cause(e), null, Problems.cause(e))));
    }

    void stop() {
        polling.cancel();
        polling = Tasks.Repeating.NONE;
    }

    /** Polls once now, outside the schedule (after a commit, so the numbers move at once). */
    void refreshNow() {
        if (session.connected()) {
            session.tasks().run("poll depth", this::poll, this::show, e -> { });
        }
    }

    private Snapshot poll() {
        Backend b = session.backend();
        QueueDepth q = null;
        QueueDepth dlq = null;
        String sqsError = null;
        try {
            q = b.source().depth();
            dlq = b.source().deadLetterDepth();
        } catch (RuntimeException e) {
            sqsError = Problems.cause(e);
        }
        Counts c = null;
        String dbError = null;
        try {
            c = b.insights().counts();
        } catch (RuntimeException e) {
            dbError = Problems.cause(e);
        }
        return new Snapshot(q, dlq, sqsError, c, dbError);
    }

    void show(Snapshot s) {
        boolean sqsOk = s.queue() != null && s.deadLetter() != null;
        fill(queueCells, sqsOk ? s.queue() : null);
        fill(deadLetterCells, sqsOk ? s.deadLetter() : null);
        noteChange(sqsUp.get(), sqsOk, "SQS", s.sqsError());
        sqsUp.set(sqsOk);
        sqsCause.set(sqsOk ? "reachable" : s.sqsError());
        boolean dbOk = s.counts() != null;
        rows.set(dbOk ? Long.toString(s.counts().rows()) : UNREACHABLE);
        rejections.set(dbOk ? Long.toString(s.counts().rejections()) : UNREACHABLE);
        noteChange(dbUp.get(), dbOk, "PostgreSQL", s.dbError());
        dbUp.set(dbOk);
        dbCause.set(dbOk ? "reachable" : s.dbError());
        if (sqsOk) {
            long second = Duration.between(started, session.clock().instant()).toSeconds();
            history.add(new DepthPoint(second, s.queue().available(), s.queue().inFlight()));
            if (history.size() > HISTORY_POINTS) {
                history.remove(0, history.size() - HISTORY_POINTS);
            }
            lastAvailable = s.queue().available();
        }
    }

    private void noteChange(boolean wasUp, boolean isUp, String what, String cause) {
        if (wasUp && !isUp) {
            session.log().add(what + " is unreachable: " + cause);
        } else if (!wasUp && isUp && session.log().entries().stream().anyMatch(e -> e.contains(what + " is unreachable"))) {
            session.log().add(what + " is reachable again");
        }
    }

    private static void fill(ReadOnlyStringWrapper[] cells, QueueDepth d) {
        cells[0].set(d == null ? UNREACHABLE : Long.toString(d.available()));
        cells[1].set(d == null ? UNREACHABLE : Long.toString(d.inFlight()));
        cells[2].set(d == null ? UNREACHABLE : Long.toString(d.delayed()));
    }

    private static ReadOnlyStringWrapper[] cells(int n) {
        ReadOnlyStringWrapper[] out = new ReadOnlyStringWrapper[n];
        for (int i = 0; i < n; i++) {
            out[i] = new ReadOnlyStringWrapper("–");
        }
        return out;
    }

    /** Available, in flight, delayed of the main queue (numbers as text, or "unreachable"). */
    public ReadOnlyStringProperty queue(int column) {
        return queueCells[column].getReadOnlyProperty();
    }

    /** Available, in flight, delayed of the dead-letter queue. */
    public ReadOnlyStringProperty deadLetter(int column) {
        return deadLetterCells[column].getReadOnlyProperty();
    }

    public ReadOnlyStringProperty rowsProperty() {
        return rows.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty rejectionsProperty() {
        return rejections.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty sqsUpProperty() {
        return sqsUp.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty dbUpProperty() {
        return dbUp.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty sqsCauseProperty() {
        return sqsCause.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty dbCauseProperty() {
        return dbCause.getReadOnlyProperty();
    }

    /** The last {@value #HISTORY_POINTS} polls (five minutes), oldest first. */
    public ObservableList<DepthPoint> history() {
        return historyView;
    }

    /** Visible messages at the last successful poll, or -1 before the first one. */
    public long lastAvailable() {
        return lastAvailable;
    }
}
