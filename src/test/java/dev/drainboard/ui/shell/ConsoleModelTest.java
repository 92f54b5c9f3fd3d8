package dev.drainboard.ui.shell;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drainboard.app.Operations;
import dev.drainboard.app.Reveals;
import dev.drainboard.config.ConfigException;
import dev.drainboard.pipeline.DemoMessages;
import dev.drainboard.pipeline.Drainer;
import dev.drainboard.transform.HmacMasker;
import dev.drainboard.transform.LoginParser;
import dev.drainboard.ui.common.ConsoleState;
import dev.drainboard.ui.preview.PreviewRow;
import dev.drainboard.ui.queue.QueueModel;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The console's view models over an in-memory queue and store, without a window or a robot. */
class ConsoleModelTest {
    private static final Pattern IPV4 = Pattern.compile("\\b\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\b");
    private static final String BROKEN = "{\"user_id\": \"x\", \"ip\": ";

    private final FakeQueue queue = new FakeQueue();
    private final FakeStore store = new FakeStore();
    private final MutableClock clock = new MutableClock();
    private final AtomicBoolean closed = new AtomicBoolean();
    private DirectTasks tasks;
    private ConsoleModel model;

    @BeforeEach
    void open() {
        tasks = new DirectTasks();
        model = new ConsoleModel(tasks, clock);
        Drainer drainer = new Drainer(queue, new LoginParser(), new HmacMasker(new byte[32]), store, clock);
        model.start(status -> {
            status.accept("Starting fakes...");
            return new Operations(drainer, queue, store, Reveals.unavailable("no keyset in this test"), new Operations.About("Embedded demo", "1a2b3c4d", queue.describe(), store.describe(), 2), () -> closed.set(true));
        });
    }

    @Test
    void startingShowsTheModeTheKeyFingerprintAndTheDepth() {
        queue.send(DemoMessages.generate(3, 0, 0, 1));
        tasks.tick();
        assertThat(model.state()).isEqualTo(ConsoleState.IDLE);
        assertThat(model.modeProperty().get()).isEqualTo("Embedded demo");
        assertThat(model.fingerprintProperty().get()).isEqualTo("1a2b3c4d");
        assertThat(model.queue().queue(0).get()).isEqualTo("3");
        assertThat(model.queue().sqsUpProperty().get()).isTrue();
        assertThat(model.queue().rowsProperty().get()).isEqualTo("0");
        assertThat(model.queue().history()).isNotEmpty();
    }

    @Test
    void aFailedStartSaysWhyInPlainWords() {
        ConsoleModel failing = new ConsoleModel(new DirectTasks(), clock);
        failing.start(status -> {
            throw new ConfigException("DRAINBOARD_WORKERS must be a number from 1 to 64, not 'many'");
        });
        assertThat(failing.state()).isEqualTo(ConsoleState.START_FAILED);
        assertThat(failing.bannerProperty().get())
                .startsWith("Could not start: DRAINBOARD_WORKERS must be a number")
                .doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void fetchShowsMaskedRowsAndRejectionsAndGroupsRepeatedMasks() {
        queue.send(DemoMessages.generate(3, 1.0, 0, 7));
        queue.send(DemoMessages.generate(1, 0, 0, 8));
        queue.send(List.of(BROKEN));

        model.preview().fetch();

        assertThat(model.state()).isEqualTo(ConsoleState.PREVIEW);
        List<PreviewRow> rows = model.preview().rows();
        assertThat(rows.size() + model.preview().rejectedRows().size()).isEqualTo(5);
        assertThat(model.preview().rejectedRows()).singleElement()
                .satisfies(r -> assertThat(r.reason()).isNotBlank());
        assertThat(rows).filteredOn(r -> r.ipRepeats() == 3).hasSize(3)
                .allSatisfy(r -> assertThat(r.repeatsInBatch()).isEqualTo("ip ×3, dev ×3"));
        assertThat(rows).allSatisfy(r -> assertThat(String.valueOf(r)).doesNotContainPattern(IPV4));
        model.preview().repeatedOnlyProperty().set(true);
        assertThat(model.preview().shownRows()).hasSize(3);
        assertThat(model.preview().canFetch().get()).isFalse();
        assertThat(model.preview().canSettle().get()).isTrue();
        assertThat(model.drain().canDrain().get()).isFalse();
        assertThat(store.counts().rows()).as("nothing is written before Commit").isZero();
    }

    @Test
    void commitWritesTheBatchThenDeletesIt() {
        queue.send(DemoMessages.generate(4, 0, 0, 3));
        queue.send(List.of(BROKEN));
        model.preview().fetch();

        model.preview().commit();

        assertThat(model.state()).isEqualTo(ConsoleState.IDLE);
        assertThat(store.counts().rows()).isEqualTo(4);
        assertThat(store.counts().rejections()).isEqualTo(1);
        assertThat(queue.depth().total()).isZero();
        assertThat(queue.deadLetterDepth().available()).isEqualTo(1);
        assertThat(model.preview().rows()).isEmpty();
        assertThat(model.queue().rowsProperty().get()).isEqualTo("4");
        assertThat(model.stored().latest()).hasSize(4);
        assertThat(model.stored().rejections()).hasSize(1);
        assertThat(model.log().last()).contains("Committed: 4 rows, 1 rejected");
    }

    @Test
    void releaseReturnsTheMessagesAndWritesNothing() {
        queue.send(DemoMessages.generate(5, 0, 0, 4));
        model.preview().fetch();
        assertThat(queue.depth().inFlight()).isEqualTo(5);

        model.preview().release();

        assertThat(queue.depth().available()).isEqualTo(5);
        assertThat(store.counts().rows()).isZero();
        assertThat(model.state()).isEqualTo(ConsoleState.IDLE);
    }

    @Test
    void theLeaseCountsDownAndIsExtendedWhileThePreviewIsOpen() {
        queue.send(DemoMessages.generate(2, 0, 0, 5));
        model.preview().fetch();
        assertThat(model.preview().leaseSecondsProperty().get()).isEqualTo(30);

        clock.advance(Duration.ofSeconds(12));
        tasks.tick();
        assertThat(model.preview().leaseSecondsProperty().get()).isEqualTo(18);
        assertThat(queue.leaseExtensions).isZero();

        clock.advance(Duration.ofSeconds(10));
        tasks.tick();
        assertThat(queue.leaseExtensions).isEqualTo(1);
        assertThat(model.preview().leaseSecondsProperty().get()).isEqualTo(30);

        model.preview().release();
        int watching = tasks.repeatingCount();
        assertThat(watching).as("only the queue and database polls are left").isEqualTo(2);
    }

    @Test
    void masksAlreadyStoredAreMarkedSeenBefore() {
        List<String> same = DemoMessages.generate(2, 1.0, 0, 9);
        queue.send(same);
        model.preview().fetch();
        model.preview().commit();
        queue.send(same);

        model.preview().fetch();

        assertThat(model.preview().rows()).allSatisfy(r -> assertThat(r.seenBefore()).isEqualTo("seen 2× before"));
    }

    @Test
    void anUnreachableQueueShowsUnreachableNotStaleNumbers() {
        queue.send(DemoMessages.generate(3, 0, 0, 1));
        tasks.tick();
        queue.down = true;

        tasks.tick();

        assertThat(model.queue().queue(0).get()).isEqualTo(QueueModel.UNREACHABLE);
        assertThat(model.queue().deadLetter(1).get()).isEqualTo(QueueModel.UNREACHABLE);
        assertThat(model.queue().sqsUpProperty().get()).isFalse();
        assertThat(model.queue().sqsCauseProperty().get()).contains("connection refused");
        assertThat(model.queue().rowsProperty().get()).as("PostgreSQL is still fine").isEqualTo("0");
        assertThat(model.log().last()).contains("SQS is unreachable");
    }

    @Test
    void aFetchDuringAnOutageShowsABannerAndLeavesTheConsoleUsable() {
        queue.down = true;

        model.preview().fetch();

        assertThat(model.state()).isEqualTo(ConsoleState.IDLE);
        assertThat(model.bannerProperty().get()).startsWith("Could not fetch a batch: nothing answers at")
                .contains("Nothing was lost");
        model.dismissBanner();
        assertThat(model.bannerProperty().get()).isEmpty();
    }

    @Test
    void aCommitDuringADatabaseOutageKeepsTheBatchInHand() {
        queue.send(DemoMessages.generate(3, 0, 0, 2));
        model.preview().fetch();
        store.down = true;

        model.preview().commit();

        assertThat(model.state()).isEqualTo(ConsoleState.PREVIEW);
        assertThat(model.bannerProperty().get()).startsWith("Could not commit the batch")
                .contains("Nothing was written or deleted");
        assertThat(queue.depth().inFlight()).isEqualTo(3);
        store.down = false;
        model.preview().commit();
        assertThat(store.counts().rows()).isEqualTo(3);
    }

    @Test
    void drainAllReachesFullProgressAndCountsEverything() {
        queue.send(DemoMessages.generate(45, 0.3, 0, 11));
        queue.send(List.of(BROKEN, BROKEN));

        model.drain().drainAll();

        assertThat(model.state()).isEqualTo(ConsoleState.IDLE);
        assertThat(model.drain().progressProperty().get()).isEqualTo(1.0);
        assertThat(model.drain().countsProperty().get()).isEqualTo("45 written · 2 rejected · 0 duplicates skipped");
        assertThat(model.drain().progressTextProperty().get()).startsWith("Drain finished: 47 messages");
        assertThat(queue.depth().total()).isZero();
        assertThat(model.stored().ipGroups()).isNotEmpty();
    }

    @Test
    void drainNStopsAfterNMessages() {
        queue.send(DemoMessages.generate(40, 0, 0, 12));
        model.drain().drainCountProperty().set(20);

        model.drain().drainN();

        assertThat(store.counts().rows()).isEqualTo(20);
        assertThat(queue.depth().available()).isEqualTo(20);
    }

    @Test
    void replayMovesARejectedMessageBackToTheQueue() {
        queue.send(List.of(BROKEN));
        model.preview().fetch();
        model.preview().commit();
        assertThat(model.stored().rejections()).hasSize(1);

        model.stored().replay(model.stored().rejections().get(0));

        assertThat(queue.depth().available()).isEqualTo(1);
        assertThat(queue.deadLetterDepth().available()).isZero();
        assertThat(model.log().last()).contains("Replayed message");
    }

    @Test
    void sendingDemoMessagesFillsTheQueue() {
        model.demo().sendSample();
        model.demo().countProperty().set(50);
        model.demo().sendGenerated();

        assertThat(queue.depth().available()).isEqualTo(150);
    }

    @Test
    void closingReleasesTheBatchInHandAndClosesTheFacade() {
        queue.send(DemoMessages.generate(3, 0, 0, 6));
        model.preview().fetch();

        model.closing();
        model.close();

        assertThat(queue.depth().available()).isEqualTo(3);
        assertThat(closed).isTrue();
        assertThat(model.preview().canFetch().get()).isFalse();
    }
}
