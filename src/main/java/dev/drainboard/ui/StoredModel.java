package dev.drainboard.ui;

import dev.drainboard.sink.Warehouse.MaskColumn;
import dev.drainboard.sink.Warehouse.MaskGroup;
import dev.drainboard.sink.Warehouse.StoredLogin;
import dev.drainboard.sink.Warehouse.StoredRejection;
import java.util.List;
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
    private final ObservableList<StoredLogin> latest = FXCollections.observableArrayList();
    private final ObservableList<MaskGroup> ipGroups = FXCollections.observableArrayList();
    private final ObservableList<MaskGroup> deviceGroups = FXCollections.observableArrayList();
    private final ObservableList<StoredRejection> rejections = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("");
    private boolean refreshing;

    StoredModel(Session session) {
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
            latest.setAll(s.latest());
            ipGroups.setAll(s.ips());
            deviceGroups.setAll(s.devices());
            rejections.setAll(s.rejections());
            summary.set("Latest " + s.latest().size() + " rows · " + s.ips().size() + " repeated masked ips · "
                    + s.devices().size() + " repeated masked device ids");
        }, e -> {
            refreshing = false;
            summary.set("PostgreSQL is unreachable: " + Problems.cause(e));
        });
    }

    private Stored read() {
        Insights w = session.backend().insights();
        return new Stored(w.latestRows(LATEST), w.topRepeated(MaskColumn.MASKED_IP, GROUPS),
                w.topRepeated(MaskColumn.MASKED_DEVICE_ID, GROUPS), w.rejections(LATEST));
    }

    /** Moves the rejected message back from the dead-letter queue to the queue, to be drained again. */
    public void replay(StoredRejection r) {
        if (r == null || session.state() != ConsoleState.IDLE) {
            return;
        }
        session.setState(ConsoleState.BUSY);
        String id = r.messageId();
        session.tasks().run("replay the message", () -> session.backend().drainer().replay(id, REPLAY_SCAN), found -> {
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

    public ObservableList<StoredLogin> latest() {
        return latest;
    }

    public ObservableList<MaskGroup> ipGroups() {
        return ipGroups;
    }

    public ObservableList<MaskGroup> deviceGroups() {
        return deviceGroups;
    }

    public ObservableList<StoredRejection> rejections() {
        return rejections;
    }

    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }
}
