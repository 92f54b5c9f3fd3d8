package dev.drainboard.service;

import dev.drainboard.model.QueueDepth;
import dev.drainboard.source.QueueSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks, every {@code interval} on a thread of its own, that SQS answers (reading the queue and
 * dead-letter depths, which also feed the depth gauges) and that PostgreSQL answers with
 * Drainboard's tables and the {@code user_logins} columns in place. Probes read the last result,
 * so a probe never waits on a server that is down. Reasons are fixed words and SQL states, never
 * an endpoint, a URL or a message.
 */
public final class HealthMonitor implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(HealthMonitor.class);
    /** Reads no row; fails when a table or one of the columns Drainboard writes is missing. */
    static final String SCHEMA_PROBE = "SELECT user_id, device_type, masked_ip, masked_device_id, locale, "
            + "app_version, create_date FROM user_logins WHERE false; "
            + "SELECT message_id, outcome FROM drainboard_ledger WHERE false; "
            + "SELECT message_id, reason, summary FROM drainboard_rejections WHERE false";

    /** One server's state at the last check; {@code detail} is null when it is up. */
    public record Check(boolean up, String detail) {
        static final Check PENDING = new Check(false, "not checked yet");
    }

    /** The result of one round of checks. */
    public record Status(Check sqs, Check postgresql, Instant checkedAt, boolean stopping) {
        public boolean ready() {
            return !stopping && sqs.up() && postgresql.up();
        }
    }

    private final QueueSource source;
    private final DataSource db;
    private final ServiceMetrics metrics;
    private final Clock clock;
    private final AtomicReference<Status> last;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "health-monitor");
        t.setDaemon(true);
        return t;
    });
    private volatile boolean stopping;

    /** Over the queue and the pool that {@code ws} opened (the CLI reaches them only through here). */
    public static HealthMonitor of(dev.drainboard.app.Workspace ws, ServiceMetrics metrics, Clock clock) {
        return new HealthMonitor(ws.source(), ws.sink().dataSource(), metrics, clock);
    }

    public HealthMonitor(QueueSource source, DataSource db, ServiceMetrics metrics, Clock clock) {
        this.source = source;
        this.db = db;
        this.metrics = metrics;
        this.clock = clock;
        this.last = new AtomicReference<>(new Status(Check.PENDING, Check.PENDING, clock.instant(), false));
    }

    /** Runs the first check now (so readiness is known before the drain starts), then every {@code interval}. */
    public HealthMonitor start(Duration interval) {
        checkNow();
        long ms = interval.toMillis();
        timer.scheduleWithFixedDelay(this::checkQuietly, ms, ms, TimeUnit.MILLISECONDS);
        return this;
    }

    public Status status() {
        return last.get();
    }

    /** From now on the service reports not ready: it is finishing its last commit and will exit. */
    public void stopping() {
        stopping = true;
        Status s = last.get();
        last.set(new Status(s.sqs(), s.postgresql(), s.checkedAt(), true));
        metrics.ready(false);
    }

    private void checkQuietly() {
        try {
            checkNow();
        } catch (RuntimeException e) {
            log.warn("Health check failed unexpectedly: {}", e.getClass().getSimpleName());
        }
    }

    Status checkNow() {
        Check sqs = checkSqs();
        Check pg = checkPostgres();
        Status before = last.get();
        Status now = new Status(sqs, pg, clock.instant(), stopping);
        last.set(now);
        metrics.ready(now.ready());
        if (before.ready() != now.ready() || before.sqs().up() != sqs.up() || before.postgresql().up() != pg.up()) {
            log.info("Health: {} (SQS {}, PostgreSQL {})", now.ready() ? "ready" : "not ready", describe(sqs),
                    describe(pg));
        }
        return now;
    }

    private static String describe(Check c) {
        return c.up() ? "up" : c.detail();
    }

    private Check checkSqs() {
        try {
            QueueDepth main = source.depth();
            QueueDepth dlq = source.deadLetterDepth();
            metrics.depths(main, dlq);
            return new Check(true, null);
        } catch (RuntimeException e) {
            metrics.depths(null, null);
            return new Check(false, "unreachable (" + e.getClass().getSimpleName() + ")");
        }
    }

    private Check checkPostgres() {
        try (Connection c = db.getConnection()) {
            try (Statement s = c.createStatement()) {
                s.setQueryTimeout(5);
                s.execute(SCHEMA_PROBE);
            } catch (SQLException e) {
                if (e.getSQLState() != null && e.getSQLState().startsWith("42")) {
                    return new Check(false, "schema check failed (SQLSTATE " + e.getSQLState() + ")");
                }
                throw e;
            }
            return new Check(true, null);
        } catch (SQLException e) {
            return new Check(false, "unreachable (SQLSTATE " + e.getSQLState() + ")");
        } catch (RuntimeException e) {
            return new Check(false, "unreachable (" + e.getClass().getSimpleName() + ")");
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
