package dev.drainboard.ui.shell;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drainboard.app.Operations;
import dev.drainboard.app.Reveals;
import dev.drainboard.config.MaskScheme;
import dev.drainboard.model.MaskColumn;
import dev.drainboard.model.Unmasked;
import dev.drainboard.pipeline.Drainer;
import dev.drainboard.pipeline.Reveal;
import dev.drainboard.pipeline.RevealedRow;
import dev.drainboard.pipeline.Revealer;
import dev.drainboard.sink.RevealStore;
import dev.drainboard.transform.HmacMasker;
import dev.drainboard.transform.LoginParser;
import dev.drainboard.ui.common.ConsoleState;
import dev.drainboard.ui.reveal.RevealModel;
import dev.drainboard.ui.reveal.RevealRow;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Reveal action over a fake revealer: off without a keyset, a reason required, no value in the log. */
class ConsoleRevealModelTest {
    private static final String MASK = "v2:1a2b3c4d:IlecIhOTaVFbfJXn5b_pEhcTwgB5dveJ";
    private static final String RAW_IP = "10.0.0.7";

    private final FakeQueue queue = new FakeQueue();
    private final FakeStore store = new FakeStore();
    private final MutableClock clock = new MutableClock();
    private final FakeReveals reveals = new FakeReveals();

    private ConsoleModel open(Reveals r) {
        ConsoleModel model = new ConsoleModel(new DirectTasks(), clock);
        Drainer drainer = new Drainer(queue, new LoginParser(), new HmacMasker(new byte[32]), store, clock);
        model.start(status -> new Operations(drainer, queue, store, r, new Operations.About("Embedded demo", "1a2b3c4d", queue.describe(), store.describe(), 1), () -> { }));
        return model;
    }

    @Test
    void withTheDefaultHmacSchemeRevealIsOffAndSaysWhyAndHowToTurnItOn() {
        String why = "No SIV keyset: /data/siv-keyset.json does not exist and DRAINBOARD_SIV_KEYSET is not set, so "
                + "nothing can be revealed. This deployment masks with hmac (v1 masks are one-way).";
        ConsoleModel model = open(Reveals.of(Revealer.unavailable(new RevealStore(null), why), MaskScheme.HMAC, true));
        RevealModel r = model.reveal();

        assertThat(model.state()).isEqualTo(ConsoleState.IDLE);
        assertThat(r.canOpen().get()).isFalse();
        assertThat(r.unavailableProperty().get())
                .startsWith("Reveal is off. This deployment masks with hmac: v1 masks are one-way")
                .contains("DRAINBOARD_MASK_SCHEME=siv").doesNotContain("siv-keyset.json");
        r.open(MaskColumn.MASKED_IP, MASK);
        r.reasonProperty().set("fraud case F-17");
        r.reveal();
        assertThat(r.rows()).isEmpty();
        assertThat(r.statusProperty().get()).startsWith("Reveal is off.");
    }

    @Test
    void aBlankReasonIsRefusedAndNothingIsRevealedOrAudited() {
        RevealModel r = open(reveals).reveal();
        assertThat(r.canOpen().get()).isTrue();
        r.open(MaskColumn.MASKED_IP, MASK);

        r.reasonProperty().set("   ");
        r.reveal();

        assertThat(reveals.calls).isEmpty();
        assertThat(r.rows()).isEmpty();
        assertThat(r.statusProperty().get()).startsWith("A reason is required");
    }

    @Test
    void aRevealShowsOnlyTheRequestedValuesAndTheLogNamesNoValueAndNoReason() {
        ConsoleModel model = open(reveals);
        RevealModel r = model.reveal();
        r.open(MaskColumn.MASKED_IP, MASK);
        r.reasonProperty().set("fraud case F-17");

        r.reveal();

        assertThat(reveals.calls).containsExactly("masked_ip " + MASK + " fraud case F-17");
        assertThat(r.rows()).extracting(RevealRow::value)
                .containsExactly(RAW_IP, "(not recoverable: v1 is one-way)");
        assertThat(r.statusProperty().get()).startsWith("2 rows carry this mask: 1 revealed, 1 not recoverable")
                .endsWith("Audit row written to drainboard_reveals.");
        assertThat(model.log().last()).endsWith("Revealed 2 rows (reason recorded in drainboard_reveals)");
        assertThat(model.log().entries()).noneMatch(e -> e.contains(RAW_IP) || e.contains("F-17"));
        assertThat(r.rows().get(0).toString()).doesNotContain(RAW_IP);
    }

    @Test
    void closingTheDialogForgetsTheValuesAndTheReason() {
        RevealModel r = open(reveals).reveal();
        r.open(MaskColumn.MASKED_IP, MASK);
        r.reasonProperty().set("DSR ticket 123");
        r.reveal();
        assertThat(r.rows()).isNotEmpty();

        r.close();

        assertThat(r.rows()).isEmpty();
        assertThat(r.reasonProperty().get()).isEmpty();
        assertThat(r.targetProperty().get()).isEmpty();
        assertThat(r.statusProperty().get()).isEmpty();
    }

    /** Answers every reveal with one revealed row and one v1 row, and remembers what was asked. */
    private static final class FakeReveals implements Reveals {
        final List<String> calls = new ArrayList<>();

        @Override
        public boolean canReveal() {
            return true;
        }

        @Override
        public String unavailableReason() {
            return null;
        }

        @Override
        public Reveal reveal(MaskColumn column, String mask, String reason) {
            calls.add(column.column() + " " + mask + " " + reason);
            LocalDate day = LocalDate.of(2026, 1, 1);
            return new Reveal(List.of(
                    new RevealedRow("u1", "ios", "en", "1.0", day, mask, null, Unmasked.revealed(RAW_IP), null),
                    new RevealedRow("u2", "web", "en", "1.0", day, "v1:00", null,
                            new Unmasked(Unmasked.Outcome.ONE_WAY, null, "one-way"), null)), false);
        }
    }
}
