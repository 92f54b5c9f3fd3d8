package dev.drainboard.ui.stored;

import dev.drainboard.app.Operations;
import dev.drainboard.model.MaskColumn;
import dev.drainboard.model.MaskGroup;
import dev.drainboard.model.StoredLogin;
import dev.drainboard.model.StoredRejection;
import dev.drainboard.ui.common.ConsoleState;
import dev.drainboard.ui.common.Problems;
import dev.drainboard.ui.common.Session;
import java.util.List;
import java.util.stream.Collectors;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * What is already in PostgreSQL: the latest rows, the most repeated masks (what an analyst asks
 * next), and the rejected messages, with Replay from the dead-letter queue.
 */
public final class StoredModel {
    static final int LATEST = 200;
    static final int GROUPS = 15;
    static final int REPLAY_SCAN = 1000;

    /** Everything one refresh reads, in one background call. */
    record Stored(List<StoredLogin> latest, List<MaskGroup> ips, List<MaskGroup> devices,
                  List<StoredRejection> rejections) {
    }

    private final Session session;
    private final ObservableList<CommittedRow> latest = FXCollections.observableArrayList();
    private final ObservableList<MaskGroup> ipGroups = FXCollections.observableArrayList();
    private final ObservableList<MaskGroup> deviceGroups = FXCollections.observableArrayList();
    private final ObservableList<RejectionRow> rejections = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("");
    private boolean refreshing;

    public StoredModel(Session session) {
        this.session = session;
    }

    /** Reloads the committed rows, the groups and the rejections. */
    public void refresh() {
        if (!session.connected() || refreshing) {
            return;
        }
        refreshing = true;
        session.tasks().run("read the stored rows", this::read, s -> {
            refreshing = false;
            latest.setAll(s.latest().stream().map(CommittedRow::of).collect(Collectors.toList()));
            ipGroups.setAll(s.ips());
            deviceGroups.setAll(s.devices());
            rejections.setAll(s.rejections().stream().map(RejectionRow::of).collect(Collectors.toList()));
            summary.set("Latest " + s.latest().size() + " rows · " + s.ips().size() + " repeated masked ips · "
                    + s.devices().size() + " repeated masked device ids");
        }, e -> {
            refreshing = false;
            summary.set("PostgreSQL is unreachable: " + Problems.cause(e));
        });
    }

    private Stored read() {
        Operations w = session.operations();
        return new Stored(w.latestRows(LATEST), w.topRepeated(MaskColumn.MASKED_IP, GROUPS),
                w.topRepeated(MaskColumn.MASKED_DEVICE_ID, GROUPS), w.rejections(LATEST));
    }

    /** Moves the rejected message back from the dead-letter queue to the queue, to be drained again. */
    public void replay(RejectionRow r) {
        if (r == null || session.state() != ConsoleState.IDLE) {
            return;
        }
        session.setState(ConsoleState.BUSY);
        String id = r.messageId();
        session.tasks().run("replay the message", () -> session.operations().replay(id, REPLAY_SCAN), found -> {
            session.setState(ConsoleState.IDLE);
            session.log().add(found ? "Replayed message " + id + " from the dead-letter queue to the queue"
                    : "Message " + id + " is no longer in the dead-letter queue (already replayed?)");
            session.storedChanged();
        }, e -> {
            session.setState(ConsoleState.IDLE);
            session.problem("replay the message", e);
        });
    }

    public BooleanBinding canReplay() {
        return session.stateProperty().isEqualTo(ConsoleState.IDLE);
    }

    public ObservableList<CommittedRow> latest() {
        return latest;
    }

    public ObservableList<MaskGroup> ipGroups() {
        return ipGroups;
    }

    public ObservableList<MaskGroup> deviceGroups() {
        return deviceGroups;
    }

    public ObservableList<RejectionRow> rejections() {
        return rejections;
    }

    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }
}
