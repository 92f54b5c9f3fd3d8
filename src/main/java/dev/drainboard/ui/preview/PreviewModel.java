package dev.drainboard.ui.preview;

import dev.drainboard.app.Operations;
import dev.drainboard.model.Batch;
import dev.drainboard.model.CommitResult;
import dev.drainboard.model.MaskColumn;
import dev.drainboard.model.MaskedLogin;
import dev.drainboard.model.QueueSetup;
import dev.drainboard.ui.common.ConsoleState;
import dev.drainboard.ui.common.Session;
import dev.drainboard.ui.common.Tasks;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

/**
 * Step-by-step draining: fetch a batch, look at its masked rows, then commit or release it. While
 * a batch is in hand its lease is checked every second and extended when a third of it is left.
 */
public final class PreviewModel {
    /** The long-poll wait of a fetch (and of a console drain's receives). */
    public static final Duration WAIT = Duration.ofSeconds(1);
    private static final Duration LEASE_CHECK = Duration.ofSeconds(1);
    public static final String LEASE_RAN_OUT = "The lease ran out: other drainers may have taken these messages. Committing "
            + "is still safe (the ledger skips what they wrote); Release or Commit.";

    /** A fetched batch with the stored counts of its masks (empty maps when PostgreSQL is down). */
    public record Fetched(Batch batch, Map<String, Long> ipSeen, Map<String, Long> deviceSeen, QueueSetup setup) {
    }

    private final Session session;
    private final IntegerProperty batchSize = new SimpleIntegerProperty(10);
    private final BooleanProperty repeatedOnly = new SimpleBooleanProperty(false);
    private final ObservableList<PreviewRow> rows = FXCollections.observableArrayList();
    private final FilteredList<PreviewRow> shown = new FilteredList<>(rows);
    private final ObservableList<PreviewRejection> rejected = FXCollections.observableArrayList();
    private final ObservableList<PreviewRejection> rejectedView = FXCollections.unmodifiableObservableList(rejected);
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("No batch in hand. Fetch one to preview it.");
    private final ReadOnlyLongWrapper leaseSeconds = new ReadOnlyLongWrapper(0);
    private final ReadOnlyStringWrapper lease = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper leaseExpired = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyObjectWrapper<MaskedLogin> selected = new ReadOnlyObjectWrapper<>();
    private volatile Batch inHand = Batch.empty();
    private volatile QueueSetup setup;
    private Tasks.Repeating leaseWatch = Tasks.Repeating.NONE;

    public PreviewModel(Session session) {
        this.session = session;
        shown.predicateProperty().bind(Bindings.createObjectBinding(
                () -> repeatedOnly.get() ? PreviewRow::repeated : r -> true, repeatedOnly));
    }

    /** Receives up to {@link #batchSizeProperty()} messages; nothing is written. */
    public void fetch() {
        if (session.state() != ConsoleState.IDLE) {
            return;
        }
        int n = Math.max(1, Math.min(100, batchSize.get()));
        session.setState(ConsoleState.BUSY);
        session.tasks().run("fetch a batch", () -> fetchAndLookUp(n), this::showFetched, e -> {
            session.setState(ConsoleState.IDLE);
            session.problem("fetch a batch", e);
        });
    }

    private Fetched fetchAndLookUp(int n) {
        Operations b = session.operations();
        Batch batch = b.fetch(n, WAIT);
        List<String> ips = batch.rows().stream().map(r -> r.maskedIp()).filter(Objects::nonNull).distinct()
                .collect(Collectors.toList());
        List<String> devices = batch.rows().stream().map(r -> r.maskedDeviceId()).filter(Objects::nonNull).distinct()
                .collect(Collectors.toList());
        try {
            return new Fetched(batch, b.countsOf(MaskColumn.MASKED_IP, ips),
                    b.countsOf(MaskColumn.MASKED_DEVICE_ID, devices), b.queueSetup());
        } catch (RuntimeException e) {
            return new Fetched(batch, Map.of(), Map.of(), b.queueSetup());
        }
    }

    private void showFetched(Fetched f) {
        Batch batch = f.batch();
        if (batch.isEmpty()) {
            session.setState(ConsoleState.IDLE);
            session.log().add("Fetch: the queue had no visible messages");
            return;
        }
        inHand = batch;
        setup = f.setup();
        List<PreviewRow> list = PreviewRow.of(batch, f.ipSeen(), f.deviceSeen(), f.setup());
        rows.setAll(list);
        rejected.setAll(PreviewRejection.of(batch));
        long repeated = list.stream().filter(PreviewRow::repeated).count();
        summary.set(batch.size() + " messages in hand: " + batch.rows().size() + " rows, "
                + batch.rejections().size() + " rejected · " + repeated + " with a repeated mask"
                + " · " + session.operations().about().maskPolicy() + " · nothing written until Commit");
        session.log().add("Fetched " + batch.size() + " messages (" + batch.rows().size() + " rows, "
                + batch.rejections().size() + " rejected, " + repeated + " repeated masks)");
        session.setState(ConsoleState.PREVIEW);
        updateLease();
        leaseWatch = session.tasks().every("keep the lease", LEASE_CHECK, this::keepLease,
                this::leaseKept, e -> updateLease());
    }

    /**
     * Runs in the background: extends the lease when a third of the visibility timeout is left. A
     * lease that already ran out (a failed extension, a machine that slept) is not extended: its
     * messages may be another drainer's by now, and the operator is told instead.
     */
    private Batch keepLease() {
        return session.operations().keepLease(inHand, session.clock().instant(), LEASE_CHECK);
    }

    private void leaseKept(Batch b) {
        if (!inHand.isEmpty() && b.messages().equals(inHand.messages())) {
            if (b.leaseExpiry().isAfter(inHand.leaseExpiry())) {
                session.log().add("Lease extended for the " + b.size() + " messages in hand");
            }
            inHand = b;
        }
        updateLease();
    }

    private void updateLease() {
        if (inHand.isEmpty()) {
            leaseSeconds.set(0);
            lease.set("");
            leaseExpired.set(false);
            return;
        }
        Instant now = session.clock().instant();
        boolean expired = inHand.leaseExpired(now);
        if (expired && !leaseExpired.get()) {
            session.log().add("The lease on the " + inHand.size() + " messages in hand ran out at "
                    + inHand.leaseExpiry() + ": other drainers may take them; Commit skips what they stored");
        }
        leaseExpired.set(expired);
        long s = Math.max(0, Duration.between(now, inHand.leaseExpiry()).toSeconds());
        leaseSeconds.set(s);
        lease.set(expired ? "Lease ran out" : "Lease: " + s + " s left, extended while open");
    }

    /** Writes the batch in one transaction, then deletes its messages from the queue. */
    public void commit() {
        settle("commit the batch", b -> {
            boolean late = b.leaseExpired(session.clock().instant());
            CommitResult r = session.operations().commit(b);
            String done = "Committed: " + r.written() + " rows, " + r.rejected() + " rejected, " + r.duplicates()
                    + " already stored; " + r.deleted() + " deleted from the queue"
                    + (r.deleteFailures() > 0 ? " (" + r.deleteFailures() + " deletes failed: they return and are skipped)" : "");
            if (!late) {
                return List.of(done);
            }
            return List.of(done, "The lease had run out before Commit: " + r.duplicates() + " duplicates skipped "
                    + "(already stored by another drainer), nothing doubled");
        });
    }

    /**
     * What Release would cost the batch in hand, or null when nothing: with a redrive policy, the
     * messages that have had their last receive, which SQS moves to the dead-letter queue at the next
     * receive instead of delivering them again (without a rejection record). Ask before releasing then.
     */
    public String releaseWarning() {
        Batch b = inHand;
        QueueSetup s = setup;
        if (b.isEmpty() || s == null) {
            return null;
        }
        long last = b.messages().stream().filter(m -> s.releaseReachesLimit(m.receiveCount())).count();
        if (last == 0) {
            return null;
        }
        return last + " of the " + b.size() + " messages in hand " + (last == 1 ? "has" : "have") + " been received "
                + s.maxReceiveCount() + " times, the queue's maxReceiveCount. Released, " + (last == 1 ? "it goes" : "they go")
                + " to " + s.deadLetterQueue() + " at the next receive (SQS moves " + (last == 1 ? "it" : "them")
                + " there itself: no rejection record, no row). Commit instead to keep " + (last == 1 ? "it" : "them")
                + ". Release anyway?";
    }

    /** Returns the batch's messages to the queue at once; nothing is written. */
    public void release() {
        settle("release the batch", b -> {
            session.operations().release(b);
            return List.of("Released " + b.size() + " messages back to the queue");
        });
    }

    /** Settles the batch in the background; returns the activity log lines. */
    private interface Settle {
        List<String> apply(Batch b);
    }

    private void settle(String action, Settle how) {
        if (session.state() != ConsoleState.PREVIEW) {
            return;
        }
        Batch b = inHand;
        session.setState(ConsoleState.SETTLING);
        leaseWatch.cancel();
        session.tasks().run(action, () -> how.apply(b), done -> {
            clear();
            done.forEach(session.log()::add);
            session.setState(ConsoleState.IDLE);
            session.storedChanged();
        }, e -> {
            session.setState(ConsoleState.PREVIEW);
            session.problem(action, e);
            leaseWatch = session.tasks().every("keep the lease", LEASE_CHECK, this::keepLease,
                    this::leaseKept, x -> updateLease());
        });
    }

    private void clear() {
        inHand = Batch.empty();
        selected.set(null);
        rows.clear();
        rejected.clear();
        summary.set("No batch in hand. Fetch one to preview it.");
        updateLease();
    }

    /** On close: stops the lease watch and hands back the batch in hand, if any. Blocking. */
    public void closeAndRelease() {
        leaseWatch.cancel();
        Batch b = inHand;
        if (!b.isEmpty() && session.connected()) {
            try {
                session.operations().release(b);
            } catch (RuntimeException e) {
                // The lease runs out on its own; nothing is lost.
            }
        }
    }

    public BooleanBinding canFetch() {
        return session.stateProperty().isEqualTo(ConsoleState.IDLE);
    }

    public BooleanBinding canSettle() {
        return session.stateProperty().isEqualTo(ConsoleState.PREVIEW);
    }

    public IntegerProperty batchSizeProperty() {
        return batchSize;
    }

    public BooleanProperty repeatedOnlyProperty() {
        return repeatedOnly;
    }

    /** All parsed rows of the batch in hand. */
    public ObservableList<PreviewRow> rows() {
        return FXCollections.unmodifiableObservableList(rows);
    }

    /** The parsed rows the table shows: all, or only those with a repeated mask. */
    public ObservableList<PreviewRow> shownRows() {
        return shown;
    }

    /** The rejected messages of the batch in hand, with their reasons. */
    public ObservableList<PreviewRejection> rejectedRows() {
        return rejectedView;
    }

    /** Tells which row the table has selected (null for none); the "what masking did" panel follows it. */
    public void select(PreviewRow row) {
        selected.set(row == null ? null : inHand.rows().stream()
                .filter(r -> r.messageId().equals(row.messageId())).findFirst().orElse(null));
    }

    /** The selected row of the batch in hand as masked, with what masking did to it; null for none. */
    public ReadOnlyObjectProperty<MaskedLogin> selectedProperty() {
        return selected.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    public ReadOnlyLongProperty leaseSecondsProperty() {
        return leaseSeconds.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty leaseProperty() {
        return lease.getReadOnlyProperty();
    }

    /** True while the batch in hand has outlived its lease; the preview then says {@link #LEASE_RAN_OUT}. */
    public ReadOnlyBooleanProperty leaseExpiredProperty() {
        return leaseExpired.getReadOnlyProperty();
    }
}
