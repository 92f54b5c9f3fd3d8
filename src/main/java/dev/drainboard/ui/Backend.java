package dev.drainboard.ui;

import dev.drainboard.app.Workspace;
import dev.drainboard.pipeline.Drainer;
import dev.drainboard.sink.Warehouse;
import dev.drainboard.source.QueueSource;

/**
 * What an opened console talks to: the pipeline, the queue, the warehouse queries, and the words
 * for the header. {@code closer} ends all of it (the workspace, for the real app).
 */
public record Backend(Drainer drainer, QueueSource source, Insights insights, String mode, String keyFingerprint,
                      String sqsWhere, String dbWhere, int workers, AutoCloseable closer) {

    public static Backend of(Workspace w) {
        return new Backend(w.drainer(), w.source(), Insights.of(new Warehouse(w.sink().dataSource())), w.mode(),
                w.key().fingerprint(), w.source().describe() + (w.embeddedSqs() ? " (embedded)" : ""),
                w.sink().describe() + (w.embeddedDb() ? " (embedded)" : ""), w.config().workers(), w::close);
    }

    /** The same backend, but closing the console leaves it open (tests share one workspace). */
    public Backend borrowed() {
        return new Backend(drainer, source, insights, mode, keyFingerprint, sqsWhere, dbWhere, workers, () -> { });
    }
}
