package dev.drainboard.pipeline;

import dev.drainboard.model.Unmasked;
import java.util.List;
import java.util.stream.Stream;

/**
 * The result of one reveal: the requested rows, already audited.
 *
 * @param truncated true when more rows matched than one reveal returns ({@code RevealStore.MAX_ROWS})
 */
public record Reveal(List<RevealedRow> rows, boolean truncated) {

    public Reveal {
        rows = List.copyOf(rows);
    }

    /** How many requested values were revealed. */
    public long revealedCount() {
        return values().filter(Unmasked::isRevealed).count();
    }

    /** How many requested, non-null values could not be revealed (v1 masks, unknown keys, damaged masks). */
    public long notRecoverableCount() {
        return values().filter(u -> !u.isRevealed() && u.outcome() != Unmasked.Outcome.NULL).count();
    }

    private Stream<Unmasked> values() {
        return rows.stream().flatMap(r -> Stream.of(r.ip(), r.deviceId())).filter(u -> u != null);
    }
}
