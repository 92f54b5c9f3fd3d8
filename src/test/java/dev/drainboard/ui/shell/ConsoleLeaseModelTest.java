package dev.drainboard.ui.shell;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drainboard.app.Operations;
import dev.drainboard.app.Reveals;
import dev.drainboard.model.Batch;
import dev.drainboard.model.CommitResult;
import dev.drainboard.pipeline.DemoMessages;
import dev.drainboard.pipeline.Drainer;
import dev.drainboard.transform.HmacMasker;
import dev.drainboard.transform.LoginParser;
import dev.drainboard.ui.common.ConsoleState;
import dev.drainboard.ui.preview.PreviewModel;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A batch held in preview past its lease: the operator is told, and Commit doubles nothing. */
class ConsoleLeaseModelTest {
    private final FakeQueue queue = new FakeQueue();
    private final FakeStore store = new FakeStore();
    private final MutableClock clock = new MutableClock();
    private final Drainer drainer = new Drainer(queue, new LoginParser(), new HmacMasker(new byte[32]), store, clock);
    private DirectTasks tasks;
    private ConsoleModel model;

    @BeforeEach
    void open() {
        tasks = new DirectTasks();
        model = new ConsoleModel(tasks, clock);
        model.start(status -> new Operations(drainer, queue, store, Reveals.unavailable("no keyset"), new Operations.About("Embedded demo", "1a2b3c4d", queue.describe(), store.describe(), 1), () -> { }));
        queue.send(DemoMessages.generate(3, 0, 0, 21));
        model.preview().fetch();
        assertThat(model.preview().leaseExpiredProperty().get()).isFalse();
    }

    @Test
    void aLeaseThatRanOutWhileTheMachineSleptIsToldAndCommitSkipsWhatAnotherDrainerWrote() {
        clock.advance(Duration.ofSeconds(31));
        tasks.tick();

        assertThat(queue.leaseExtensions).as("an expired lease is not quietly extended").isZero();
        assertThat(model.preview().leaseExpiredProperty().get()).isTrue();
        assertThat(PreviewModel.LEASE_RAN_OUT).isEqualTo("The lease ran out: other drainers may have taken these "
                + "messages. Committing is still safe (the ledger skips what they wrote); Release or Commit.");
        assertThat(model.preview().leaseProperty().get()).isEqualTo("Lease ran out");
        assertThat(model.log().last()).contains("ran out");
        assertThat(model.preview().canSettle().get()).isTrue();

        queue.expireLeases();
        Batch taken = drainer.fetchBatch(3, Duration.ZERO);
        CommitResult other = drainer.commit(taken);
        assertThat(other.written()).isEqualTo(3);

        model.preview().commit();

        assertThat(store.counts().rows()).as("nothing doubled").isEqualTo(3);
        assertThat(model.log().last()).endsWith("  The lease had run out before Commit: 3 duplicates skipped "
                + "(already stored by another drainer), nothing doubled");
        assertThat(model.preview().leaseExpiredProperty().get()).as("the batch is settled").isFalse();
        assertThat(model.state()).isEqualTo(ConsoleState.IDLE);
    }

    @Test
    void aFailedExtensionLetsTheLeaseRunOutAndThePreviewSaysSo() {
        clock.advance(Duration.ofSeconds(22));
        queue.down = true;
        tasks.tick();
        assertThat(model.preview().leaseExpiredProperty().get()).as("8 s are still left").isFalse();

        clock.advance(Duration.ofSeconds(10));
        tasks.tick();

        assertThat(model.preview().leaseExpiredProperty().get()).isTrue();
        queue.down = false;
        model.preview().release();
        assertThat(model.preview().leaseExpiredProperty().get()).isFalse();
        assertThat(queue.depth().available()).isEqualTo(3);
    }
}
