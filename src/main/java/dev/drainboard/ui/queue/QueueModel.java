package dev.drainboard.ui.queue;

import dev.drainboard.app.Operations;
import dev.drainboard.model.QueueDepth;
import dev.drainboard.model.QueueSetup;
import dev.drainboard.model.StoredCounts;
import dev.drainboard.ui.common.Problems;
import dev.drainboard.ui.common.Session;
import dev.drainboard.ui.common.Tasks;
import java.time.Duration;
import java.time.Instant;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The live queue panel and the header's server lights: polls both queues and the PostgreSQL
 * counts every second. A part that cannot be reached shows "unreachable", never its last numbers.
 */
public final class QueueModel {
    public static final String UNREACHABLE = "unreachable";
    public static final int HISTORY_POINTS = 300;

    /** One poll of the queues; null depths mean it failed, and {@code error} says why. */
    public record QueueSnapshot(QueueDepth queue, QueueDepth deadLetter, String error, QueueSetup setup) {
        public QueueSnapshot(QueueDepth queue, QueueDepth deadLetter, String error) {
            this(queue, deadLetter, error, null);
        }
    }

    /** One poll of PostgreSQL; null counts mean it failed, and {@code error} says why. */
    public record DbSnapshot(StoredCounts counts, String error) {
    }

    /** One point of the depth chart. */
    public record DepthPoint(long second, long available, long inFlight) {
    }

    private final Session session;
    private Instant started;
    private final ReadOnlyStringWrapper[] queueCells = cells(3);
    private final ReadOnlyStringWrapper[] deadLetterCells = cells(3);
    private final ReadOnlyStringWrapper queueLabel = new ReadOnlyStringWrapper("Queue");
    private final ReadOnlyStringWrapper deadLetterLabel = new ReadOnlyStringWrapper("Dead letters");
    private final ReadOnlyStringWrapper deadLetterHint = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper rows = new ReadOnlyStringWrapper("–");
    private final ReadOnlyStringWrapper rejections = new ReadOnlyStringWrapper("–");
    private final ReadOnlyBooleanWrapper sqsUp = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper dbUp = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyObjectWrapper<ServerStatus> sqsStatus = new ReadOnlyObjectWrapper<>(ServerStatus.CONNECTING);
    private final ReadOnlyObjectWrapper<ServerStatus> dbStatus = new ReadOnlyObjectWrapper<>(ServerStatus.CONNECTING);
    private final ReadOnlyStringWrapper sqsCause = new ReadOnlyStringWrapper("not connected yet");
    private final ReadOnlyStringWrapper dbCause = new ReadOnlyStringWrapper("not connected yet");
    private final ObservableList<DepthPoint> history = FXCollections.observableArrayList();
    private final ObservableList<DepthPoint> historyView = FXCollections.unmodifiableObservableList(history);
    private Tasks.Repeating queuePolling = Tasks.Repeating.NONE;
    private Tasks.Repeating dbPolling = Tasks.Repeating.NONE;
    private long lastAvailable = -1;

    public QueueModel(Session session) {
        this.session = session;
        this.started = session.clock().instant();
    }

    /**
     * Starts the one-second polling; called once the facade is open. SQS and PostgreSQL are polled
     * separately, so a slow or hanging one never holds back the other's numbers.
     */
    public void start() {
        started = session.clock().instant();
        queuePolling = session.tasks().every("poll the queues", Duration.ofSeconds(1), this::pollQueue,
                this::showQueue, e -> showQueue(new QueueSnapshot(null, null, Problems.cause(e))));
        dbPolling = session.tasks().every("poll PostgreSQL", Duration.ofSeconds(1), this::pollDb, this::showDb,
                e -> showDb(new DbSnapshot(null, Problems.cause(e))));
    }

    public void stop() {
        queuePolling.cancel();
        dbPolling.cancel();
        queuePolling = Tasks.Repeating.NONE;
        dbPolling = Tasks.Repeating.NONE;
    }

    /** Polls once now, outside the schedule (after a commit, so the numbers move at once). */
    public void refreshNow() {
        if (session.connected()) {
            session.tasks().run("poll the queues", this::pollQueue, this::showQueue, e -> { });
            session.tasks().run("poll PostgreSQL", this::pollDb, this::showDb, e -> { });
        }
    }

    private QueueSnapshot pollQueue() {
        try {
            Operations ops = session.operations();
            return new QueueSnapshot(ops.depth(), ops.deadLetterDepth(), null, ops.queueSetup());
        } catch (RuntimeException e) {
            return new QueueSnapshot(null, null, Problems.cause(e));
        }
    }

    private DbSnapshot pollDb() {
        try {
            return new DbSnapshot(session.operations().liveCounts(), null);
        } catch (RuntimeException e) {
            return new DbSnapshot(null, Problems.cause(e));
        }
    }

    public void showQueue(QueueSnapshot s) {
        boolean ok = s.queue() != null && s.deadLetter() != null;
        fill(queueCells, ok ? s.queue() : null);
        fill(deadLetterCells, ok ? s.deadLetter() : null);
        if (s.setup() != null) {
            describe(s.setup());
        }
        noteChange(sqsUp.get(), ok, "SQS", s.error());
        sqsUp.set(ok);
        sqsStatus.set(ServerStatus.of(ok));
        sqsCause.set(ok ? "reachable" : s.error());
        if (ok) {
            long second = Duration.between(started, session.clock().instant()).toSeconds();
            history.add(new DepthPoint(second, s.queue().available(), s.queue().inFlight()));
            if (history.size() > HISTORY_POINTS) {
                history.remove(0, history.size() - HISTORY_POINTS);
            }
            lastAvailable = s.queue().available();
        }
    }

    public void showDb(DbSnapshot s) {
        boolean ok = s.counts() != null;
        rows.set(ok ? (s.counts().rowsEstimated() ? "≈ " : "") + s.counts().rows() : UNREACHABLE);
        rejections.set(ok ? Long.toString(s.counts().rejections()) : UNREACHABLE);
        noteChange(dbUp.get(), ok, "PostgreSQL", s.error());
        dbUp.set(ok);
        dbStatus.set(ServerStatus.of(ok));
        dbCause.set(ok ? "reachable" : s.error());
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

    private void describe(QueueSetup q) {
        queueLabel.set("Queue · " + q.kind());
        deadLetterLabel.set("Dead letters: " + q.deadLetterQueue());
        deadLetterHint.set(q.redrivePolicy()
                ? "The queue's own redrive target: SQS moves a message here after " + q.maxReceiveCount()
                + " receives, and Drainboard sends rejected bodies here too"
                : "Named by Drainboard (the queue has no redrive policy); rejected bodies go here. Attach a "
                + "redrive policy to the queue to use your own dead-letter queue.");
    }

    /** "Queue · FIFO" or "Queue · standard", once the first poll has answered. */
    public ReadOnlyStringProperty queueLabelProperty() {
        return queueLabel.getReadOnlyProperty();
    }

    /** "Dead letters: logins-dlq.fifo": the dead-letter queue whose counts are shown. */
    public ReadOnlyStringProperty deadLetterLabelProperty() {
        return deadLetterLabel.getReadOnlyProperty();
    }

    /** Where that dead-letter queue comes from (the redrive policy, or Drainboard's own naming). */
    public ReadOnlyStringProperty deadLetterHintProperty() {
        return deadLetterHint.getReadOnlyProperty();
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

    /** The header's SQS light: {@link ServerStatus#CONNECTING} until the first poll answered or failed. */
    public ReadOnlyObjectProperty<ServerStatus> sqsStatusProperty() {
        return sqsStatus.getReadOnlyProperty();
    }

    /** The header's PostgreSQL light. */
    public ReadOnlyObjectProperty<ServerStatus> dbStatusProperty() {
        return dbStatus.getReadOnlyProperty();
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
