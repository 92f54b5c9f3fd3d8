package dev.drainboard.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drainboard.config.AppConfig;
import dev.drainboard.model.Batch;
import dev.drainboard.model.CommitResult;
import dev.drainboard.model.DrainStats;
import dev.drainboard.model.QueueDepth;
import dev.drainboard.sink.PostgresLoginSink;
import dev.drainboard.sink.SinkException;
import dev.drainboard.source.SqsClients;
import dev.drainboard.source.SqsQueueSource;
import dev.drainboard.support.Db;
import dev.drainboard.support.FailingCommitDataSource;
import dev.drainboard.support.Messages;
import dev.drainboard.support.TestKeys;
import dev.drainboard.support.TestServers;
import dev.drainboard.transform.HmacMasker;
import dev.drainboard.transform.LoginParser;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The pipeline against a real ElasticMQ and a real PostgreSQL. */
class DrainerIntegrationTest {
    private AppConfig config;
    private SqsQueueSource source;
    private PostgresLoginSink sink;
    private Drainer drainer;
    private String jdbc;

    @BeforeEach
    void open() {
        config = TestServers.config();
        jdbc = config.jdbcUrl().orElseThrow();
        source = SqsClients.open(config, config.sqsEndpoint().orElseThrow());
        sink = PostgresLoginSink.open(jdbc, "postgres", "postgres", 6);
        drainer = new Drainer(source, new LoginParser(), new HmacMasker(TestKeys.BYTES), sink, Clock.systemUTC());
    }

    @AfterEach
    void close() {
        sink.close();
        source.close();
    }

    private DrainStats drainAll() {
        return drainer.drainAll(DrainOptions.all(4, Duration.ZERO), ProgressListener.NONE, new StopSignal());
    }

    @Test
    void theSampleDrainsTo99RowsAndOneRejectionAndEmptiesTheQueue() throws Exception {
        source.send(DemoMessages.sample());

        DrainStats s = drainAll();

        assertThat(s.totals().written()).isEqualTo(99);
        assertThat(s.totals().rejected()).isEqualTo(1);
        assertThat(s.totals().deleted()).isEqualTo(100);
        assertThat(Db.count(jdbc, "SELECT count(*) FROM user_logins")).isEqualTo(99);
        assertThat(Db.count(jdbc, "SELECT count(*) FROM user_logins WHERE locale IS NULL")).isEqualTo(29);
        assertThat(Db.count(jdbc, "SELECT count(*) FROM drainboard_rejections WHERE reason = "
                + "'field ''user_id'' is missing'")).isEqualTo(1);
        assertThat(Db.count(jdbc, "SELECT count(*) FROM drainboard_ledger")).isEqualTo(100);
        assertThat(Db.count(jdbc, "SELECT count(DISTINCT app_version) FROM user_logins WHERE app_version LIKE '%.%'"))
                .isGreaterThan(50);
        assertThat(source.depth()).isEqualTo(QueueDepth.ZERO);
        assertThat(source.deadLetterDepth().available()).isEqualTo(1);
    }

    @Test
    void noRawIpOrDeviceIdReachesAnyTextColumn() throws Exception {
        List<String> sample = DemoMessages.sample();
        source.send(sample);
        drainAll();

        List<String> raw = Messages.rawPii(sample);
        List<String> stored = Db.allText(jdbc);

        assertThat(raw).hasSize(198);
        assertThat(stored).isNotEmpty();
        for (String value : stored) {
            for (String r : raw) {
                assertThat(value).as("a stored text value").doesNotContain(r);
            }
        }
        assertThat(Db.count(jdbc, "SELECT count(*) FROM user_logins WHERE masked_ip !~ '^v1:[0-9a-f]{32}$' "
                + "OR masked_device_id !~ '^v1:[0-9a-f]{32}$'")).isZero();
    }

    @Test
    void repeatedIpsAndDevicesShareOneMask() {
        source.send(List.of(Messages.login("u1", "10.0.0.7", "111-11-1111"),
                Messages.login("u2", "10.0.0.7", "111-11-1111"), Messages.login("u3", "10.0.0.8", "222-22-2222")));

        drainAll();

        assertThat(Db.count(jdbc, "SELECT count(DISTINCT masked_ip) FROM user_logins")).isEqualTo(2);
        assertThat(Db.count(jdbc, "SELECT max(c) FROM (SELECT count(*) c FROM user_logins GROUP BY masked_ip, "
                + "masked_device_id) g")).isEqualTo(2);
    }

    @Test
    void aRedeliveredMessageThatWasAlreadyCommittedAddsNoRow() {
        source.send(DemoMessages.generate(10, 0, 0, 7));
        Batch batch = drainer.fetchBatch(10, Duration.ZERO);
        assertThat(batch.size()).isEqualTo(10);
        sink.write(batch); // committed, then "crashed" before the delete
        drainer.release(batch);

        DrainStats s = drainAll();

        assertThat(s.totals().duplicates()).isEqualTo(10);
        assertThat(s.totals().written()).isZero();
        assertThat(Db.count(jdbc, "SELECT count(*) FROM user_logins")).isEqualTo(10);
        assertThat(source.depth()).isEqualTo(QueueDepth.ZERO);
    }

    @Test
    void aCommitWhoseTransactionFailsDeletesNothing() {
        source.send(DemoMessages.generate(5, 0, 0, 3));
        Batch batch = drainer.fetchBatch(5, Duration.ZERO);
        PostgresLoginSink failing = new PostgresLoginSink(new FailingCommitDataSource(sink.dataSource()), "failing");
        Drainer broken = new Drainer(source, new LoginParser(), new HmacMasker(TestKeys.BYTES), failing,
                Clock.systemUTC());

        assertThatThrownBy(() -> broken.commit(batch)).isInstanceOf(SinkException.class);

        assertThat(Db.count(jdbc, "SELECT count(*) FROM user_logins")).isZero();
        assertThat(Db.count(jdbc, "SELECT count(*) FROM drainboard_ledger")).isZero();
        assertThat(source.depth().inFlight()).isEqualTo(5);
        drainer.release(batch);
        assertThat(source.depth().available()).isEqualTo(5);
    }

    @Test
    void stepByStepFetchCommitAndRelease() {
        source.send(DemoMessages.sample());

        Batch first = drainer.fetchBatch(25, Duration.ZERO);
        assertThat(first.size()).isEqualTo(25);
        assertThat(Db.count(jdbc, "SELECT count(*) FROM drainboard_ledger")).isZero();
        CommitResult r = drainer.commit(first);
        Batch second = drainer.fetchBatch(10, Duration.ZERO);
        drainer.release(second);

        assertThat(r.deleted()).isEqualTo(25);
        assertThat(r.written() + r.rejected()).isEqualTo(25);
        assertThat(source.depth().available()).isEqualTo(75);
        assertThat(Db.count(jdbc, "SELECT count(*) FROM drainboard_ledger")).isEqualTo(25);
    }

    @Test
    void drainStopsAtMaxMessages() {
        source.send(DemoMessages.generate(50, 0, 0, 5));

        DrainStats s = drainer.drainAll(new DrainOptions(3, 20, Duration.ZERO), ProgressListener.NONE,
                new StopSignal());

        assertThat(s.received()).isEqualTo(20);
        assertThat(Db.count(jdbc, "SELECT count(*) FROM user_logins")).isEqualTo(20);
        assertThat(source.depth().available()).isEqualTo(30);
    }
}
