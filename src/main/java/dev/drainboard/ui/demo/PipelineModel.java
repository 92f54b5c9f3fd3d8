package dev.drainboard.ui.demo;

import dev.drainboard.model.CommitResult;
import dev.drainboard.model.DrainStats;
import java.util.EnumMap;
import java.util.Map;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.value.ObservableBooleanValue;
import javafx.beans.value.ObservableStringValue;
import javafx.beans.value.ObservableValue;

/**
 * The demo strip's numbers: queue → parse → mask → PostgreSQL → deleted, with the dead-letter
 * branch. The queue stage shows the live depth the queue panel already polls; the other stages
 * count the current (or last) drain from the drain's own progress totals, which arrive coalesced on
 * the UI thread, so the strip adds no query of its own. Each time a stage's count rises its
 * {@link #pulse} ticks, and the view lights that stage up. UI thread only.
 */
public final class PipelineModel {
    /** The stages, in the order a message passes them. */
    public enum Stage {
        QUEUE("Queue"), PARSE("Parse"), MASK("Mask"), POSTGRES("PostgreSQL"), DELETED("Deleted"),
        DEAD_LETTER("Dead-letter");

        private final String title;

        Stage(String title) {
            this.title = title;
        }

        public String title() {
            return title;
        }

        /** For node ids: "queue", "dead-letter". */
        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }

    private final Map<Stage, ReadOnlyLongWrapper> counts = new EnumMap<>(Stage.class);
    private final Map<Stage, ReadOnlyIntegerWrapper> pulses = new EnumMap<>(Stage.class);
    private final Map<Stage, ReadOnlyStringWrapper> texts = new EnumMap<>(Stage.class);
    private final Map<Stage, ReadOnlyStringWrapper> notes = new EnumMap<>(Stage.class);
    private final ObservableBooleanValue running;

    /**
     * @param drainStats  the drain's newest totals (null at the start of a drain)
     * @param running     true while a drain runs or stops
     * @param available   the queue's visible messages as the queue panel shows them (a number or a word)
     * @param inFlight    the queue's in-flight messages, likewise
     * @param deadLetters the dead-letter queue's visible messages, likewise
     */
    public PipelineModel(ObservableValue<DrainStats> drainStats, ObservableBooleanValue running,
                         ObservableStringValue available, ObservableStringValue inFlight,
                         ObservableStringValue deadLetters) {
        this.running = running;
        for (Stage s : Stage.values()) {
            counts.put(s, new ReadOnlyLongWrapper(0));
            pulses.put(s, new ReadOnlyIntegerWrapper(0));
            texts.put(s, new ReadOnlyStringWrapper("0"));
            notes.put(s, new ReadOnlyStringWrapper(""));
        }
        texts.get(Stage.QUEUE).bind(available);
        notes.get(Stage.QUEUE).bind(Bindings.concat("waiting · ", inFlight, " in flight"));
        notes.get(Stage.PARSE).set("received this drain");
        notes.get(Stage.MASK).set("ip, device id masked");
        notes.get(Stage.POSTGRES).set("rows written");
        notes.get(Stage.DELETED).set("from the queue, after commit");
        notes.get(Stage.DEAD_LETTER).bind(Bindings.concat("rejected · ", deadLetters, " in the DLQ"));
        available.addListener((o, a, b) -> {
            if (isNumber(a) && isNumber(b) && Long.parseLong(b) > Long.parseLong(a)) {
                tick(Stage.QUEUE);
            }
        });
        drainStats.addListener((o, a, b) -> show(b));
    }

    private static boolean isNumber(String s) {
        return s != null && !s.isEmpty() && s.chars().allMatch(Character::isDigit);
    }

    /** Shows a drain's totals; null (a new drain) sets every drain stage back to zero. */
    void show(DrainStats s) {
        CommitResult t = s == null ? CommitResult.NONE : s.totals();
        set(Stage.PARSE, s == null ? 0 : s.received());
        set(Stage.MASK, (long) t.written() + t.duplicates());
        set(Stage.POSTGRES, t.written());
        set(Stage.DELETED, t.deleted());
        set(Stage.DEAD_LETTER, t.rejected());
        notes.get(Stage.POSTGRES).set(t.duplicates() == 0 ? "rows written"
                : "rows written · " + t.duplicates() + " duplicates skipped");
    }

    private void set(Stage stage, long n) {
        ReadOnlyLongWrapper c = counts.get(stage);
        long was = c.get();
        c.set(n);
        texts.get(stage).set(String.format(java.util.Locale.ROOT, "%,d", n));
        if (n > was) {
            tick(stage);
        }
    }

    private void tick(Stage stage) {
        ReadOnlyIntegerWrapper p = pulses.get(stage);
        p.set(p.get() + 1);
    }

    /** This drain's count at a stage (the queue stage: 0; its number is {@link #text}). */
    public ReadOnlyLongProperty count(Stage s) {
        return counts.get(s).getReadOnlyProperty();
    }

    /** The big number a stage shows. */
    public ReadOnlyStringProperty text(Stage s) {
        return texts.get(s).getReadOnlyProperty();
    }

    /** The small line under a stage's number. */
    public ReadOnlyStringProperty note(Stage s) {
        return notes.get(s).getReadOnlyProperty();
    }

    /** Ticks once each time the stage's count rises: the view lights the stage up for a moment. */
    public ReadOnlyIntegerProperty pulse(Stage s) {
        return pulses.get(s).getReadOnlyProperty();
    }

    /** True while a drain runs: the strip shows the flow as live. */
    public ObservableBooleanValue running() {
        return running;
    }
}
