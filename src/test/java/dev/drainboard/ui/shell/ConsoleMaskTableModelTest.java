package dev.drainboard.ui.shell;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.drainboard.app.MaskTableDesk;
import dev.drainboard.app.Masking;
import dev.drainboard.app.Operations;
import dev.drainboard.app.Reveals;
import dev.drainboard.app.TableMasking;
import dev.drainboard.ui.masktable.MaskTableModel;
import dev.drainboard.config.AppConfig;
import dev.drainboard.config.MaskKeys;
import dev.drainboard.model.MaskTableDryRun;
import dev.drainboard.model.MaskTableProgress;
import dev.drainboard.model.MaskTableResult;
import dev.drainboard.pipeline.Drainer;
import dev.drainboard.sink.PostgresLoginSink;
import dev.drainboard.support.Db;
import dev.drainboard.support.TestServers;
import dev.drainboard.transform.HmacMasker;
import dev.drainboard.transform.LoginParser;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The console's "Mask an existing table…" action, through the same desk as the CLI, on real PostgreSQL. */
class ConsoleMaskTableModelTest {
    private static final int ROWS = 20_000;
    private final FakeQueue queue = new FakeQueue();
    private final FakeStore store = new FakeStore();
    private String jdbc;
    private HikariDataSource pool;
    private MaskTableDesk desk;

    @BeforeEach
    void table() {
        AppConfig c = TestServers.config();
        jdbc = c.jdbcUrl().orElseThrow();
        Db.execute(jdbc, "CREATE TABLE user_logins (user_id varchar(128), device_type varchar(32), masked_ip varchar(256), "
                + "masked_device_id varchar(256), locale varchar(32), app_version integer, create_date date);"
                + "INSERT INTO user_logins SELECT 'u' || g, 'ios', '10.9.' || (g % 256) || '.' || (g % 100), "
                + "'dev-' || (g % 5000), 'en', 1, DATE '2024-01-01' FROM generate_series(1, " + ROWS + ") g");
        pool = PostgresLoginSink.pool(jdbc, "postgres", "postgres", 2);
        desk = MaskTableDesk.over(pool, jdbc, Masking.open(c, MaskKeys.load(c)));
    }

    @AfterEach
    void close() {
        pool.close();
    }

    private ConsoleModel open(TableMasking masking) {
        ConsoleModel model = new ConsoleModel(new DirectTasks(), new MutableClock());
        Drainer drainer = new Drainer(queue, new LoginParser(), new HmacMasker(new byte[32]), store, new MutableClock());
        model.start(status -> new Operations(drainer, queue, store, Reveals.unavailable("no keyset in this test"),
                new Operations.About("External", "1a2b3c4d", queue.describe(), store.describe(), 1,
                        Duration.ofSeconds(1)), masking, () -> { }));
        return model;
    }

    @Test
    void theDryRunShowsCountsAndMasksOnlyThenMaskingAfterItMasksEveryRawValue() {
        MaskTableModel m = open(TableMasking.of(desk)).maskTable();
        assertThat(m.canMaskProperty().get()).isFalse();

        m.dryRun();

        assertThat(m.dryRunProperty().get()).contains("user_logins: 20,000 rows, 20,000 would change")
                .containsPattern("v1:[0-9a-f]{32}").doesNotContain("dev-").doesNotContain("10.9.");
        assertThat(Db.count(jdbc, "SELECT count(*) FROM user_logins WHERE masked_ip LIKE 'v1:%'")).isZero();
        assertThat(m.canMaskProperty().get()).isTrue();

        m.mask();

        assertThat(m.statusProperty().get()).isEqualTo("Masked user_logins: 40,000 values masked in 20,000 rows.");
        assertThat(m.progressProperty().get()).isEqualTo(1.0);
        assertThat(Db.count(jdbc, "SELECT count(*) FROM user_logins WHERE masked_ip !~ '^v1:' OR masked_device_id !~ '^v1:'"))
                .isZero();
        assertThat(m.canMaskProperty().get()).isFalse();
    }

    @Test
    void stopEndsTheRunAfterTheBatchInHandAndTheNextRunContinues() {
        MaskTableModel[] model = new MaskTableModel[1];
        TableMasking stopsAfterTheFirstBatch = new TableMasking() {
            @Override
            public MaskTableDryRun dryRun(String table) {
                return desk.dryRun(table, dev.drainboard.model.ColumnMask.USER_LOGINS, 5);
            }

            @Override
            public MaskTableResult run(String table, Consumer<MaskTableProgress> progress, BooleanSupplier stop) {
                return desk.run(table, dev.drainboard.model.ColumnMask.USER_LOGINS, 2_000, false, p -> {
                    progress.accept(p);
                    if (p.pagesDone() > 0) {
                        model[0].stop(); // the operator presses Stop while the first batches commit
                    }
                }, stop);
            }
        };
        MaskTableModel m = open(stopsAfterTheFirstBatch).maskTable();
        model[0] = m;
        m.dryRun();

        m.mask();

        assertThat(m.statusProperty().get()).startsWith("Stopped masking user_logins").contains("Progress is saved");
        long raw = Db.count(jdbc, "SELECT count(*) FROM user_logins WHERE masked_ip !~ '^v1:'");
        assertThat(raw).isPositive().isLessThan(ROWS);

        MaskTableModel again = open(TableMasking.of(desk)).maskTable();
        again.dryRun();
        assertThat(again.dryRunProperty().get()).contains(String.format(java.util.Locale.ROOT, "%,d would change", raw));
        again.mask();
        assertThat(Db.count(jdbc, "SELECT count(*) FROM user_logins WHERE masked_ip !~ '^v1:'")).isZero();
        assertThat(again.statusProperty().get()).contains(String.format(java.util.Locale.ROOT, "%,d values", raw * 2));
    }
}
