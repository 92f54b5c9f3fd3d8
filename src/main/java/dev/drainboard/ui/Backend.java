package dev.drainboard.ui;

import dev.drainboard.app.MaskTableDesk;
import dev.drainboard.app.Workspace;
import dev.drainboard.config.MaskPolicy;
import dev.drainboard.pipeline.Revealer;
import dev.drainboard.pipeline.Drainer;
import dev.drainboard.sink.Warehouse;
import dev.drainboard.source.QueueSource;
import java.time.Duration;

/**
 * What an opened console talks to: the pipeline, the queue, the warehouse queries, the audited
 * reveal of masked values, and the words for the header. {@code closer} ends all of it (the
 * workspace, for the real app). {@code pollWait} is the long-poll wait of a drain's receives
 * ({@code --wait-seconds}, as the CLI's drain uses it). {@code maskPolicy} is the policy in force,
 * for people ("masked: ip, device_id"); {@code tableMasking} masks a stored table in place.
 */
public record Backend(Drainer drainer, QueueSource source, Insights insights, Reveals reveals, String mode,
                      String keyFingerprint, String sqsWhere, String dbWhere, int workers, AutoCloseable closer,
                      Duration pollWait, String maskPolicy, TableMasking tableMasking) {
    /** The default of {@code --wait-seconds}. */
    static final Duration DEFAULT_POLL_WAIT = Duration.ofSeconds(1);

    /** A backend with the default mask policy. */
    public Backend(Drainer drainer, QueueSource source, Insights insights, Reveals reveals, String mode,
                   String keyFingerprint, String sqsWhere, String dbWhere, int workers, AutoCloseable closer,
                   Duration pollWait) {
        this(drainer, source, insights, reveals, mode, keyFingerprint, sqsWhere, dbWhere, workers, closer, pollWait,
                MaskPolicy.DEFAULT.summary(), TableMasking.NONE);
    }

    /** A backend with the default poll wait. */
    public Backend(Drainer drainer, QueueSource source, Insights insights, Reveals reveals, String mode,
                   String keyFingerprint, String sqsWhere, String dbWhere, int workers, AutoCloseable closer) {
        this(drainer, source, insights, reveals, mode, keyFingerprint, sqsWhere, dbWhere, workers, closer,
                DEFAULT_POLL_WAIT);
    }

    public static Backend of(Workspace w) {
        Revealer revealer = w.revealer();
        return new Backend(w.drainer(), w.source(), Insights.of(new Warehouse(w.sink().dataSource())),
                Reveals.of(revealer, w.masking().scheme()), w.mode(), w.key().fingerprint(),
                w.source().describe() + (w.embeddedSqs() ? " (embedded)" : ""),
                w.sink().describe() + (w.embeddedDb() ? " (embedded)" : ""), w.config().workers(), w::close,
                Duration.ofSeconds(w.config().waitSeconds()), w.config().maskPolicy().summary(),
                TableMasking.of(MaskTableDesk.over(w)));
    }

    /** The same backend, but closing the console leaves it open (tests share one workspace). */
    public Backend borrowed() {
        return new Backend(drainer, source, insights, reveals, mode, keyFingerprint, sqsWhere, dbWhere, workers,
                () -> { }, pollWait, maskPolicy, tableMasking);
    }
}
