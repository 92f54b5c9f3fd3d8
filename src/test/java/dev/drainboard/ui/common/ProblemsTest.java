package dev.drainboard.ui.common;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drainboard.sink.SinkException;
import dev.drainboard.source.SourceException;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

class ProblemsTest {
    @Test
    void aQueueOutageSaysNothingWasLost() {
        String s = Problems.describe("fetch a batch", new SourceException("nothing answers at http://x (connection "
                + "refused).\nmore detail"));
        assertThat(s).isEqualTo("Could not fetch a batch: nothing answers at http://x (connection refused). Nothing "
                + "was lost: unfinished messages return to the queue. Check SQS, then try again.");
    }

    @Test
    void aWrappedDatabaseOutageIsUnwrappedAndNeverShowsAStackTrace() {
        String s = Problems.describe("commit the batch",
                new ExecutionException(new SinkException("PostgreSQL is unreachable", true, new RuntimeException())));
        assertThat(s).startsWith("Could not commit the batch: PostgreSQL is unreachable. Nothing was written")
                .doesNotContain("Exception").doesNotContain("\n");
    }

    @Test
    void anErrorWithoutMessageNamesWhatHappened() {
        assertThat(Problems.describe("start", new NullPointerException()))
                .startsWith("Could not start: an unexpected NullPointerException happened.");
    }
}
