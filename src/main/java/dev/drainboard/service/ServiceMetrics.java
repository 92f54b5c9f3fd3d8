package dev.drainboard.service;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import dev.drainboard.model.CommitResult;
import dev.drainboard.model.DrainStats;
import dev.drainboard.model.QueueDepth;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import dev.drainboard.pipeline.ProgressListener;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;

/**
 * The service's Prometheus metrics, fed by a running drain (as its {@link ProgressListener}) and by
 * the {@link HealthMonitor}. Labels are fixed words only (queue role, state, server), never a queue
 * name, an endpoint, a message field or a secret. Thread-safe: Micrometer meters are.
 */
public final class ServiceMetrics implements ProgressListener, AutoCloseable {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Counter received;
    private final Counter written;
    private final Counter rejected;
    private final Counter duplicates;
    private final Counter deleted;
    private final Counter deleteFailures;
    private final AtomicLong released = new AtomicLong();
    private final Timer receiveLatency;
    private final Timer commitLatency;
    private final DistributionSummary batchSize;
    private final Map<Server, AtomicInteger> outage = new EnumMap<>(Server.class);
    private final AtomicInteger ready = new AtomicInteger();
    private final AtomicReference<QueueDepth> depth = new AtomicReference<>();
    private final AtomicReference<QueueDepth> deadLetterDepth = new AtomicReference<>();
    private final JvmGcMetrics gc = new JvmGcMetrics();

    public ServiceMetrics(String version) {
        received = counter("drainboard.messages.received", "Messages received from the queue");
        written = counter("drainboard.rows.written", "New user_logins rows committed");
        rejected = counter("drainboard.messages.rejected", "Messages committed as rejections (body in the DLQ)");
        duplicates = counter("drainboard.messages.duplicates.skipped",
                "Redelivered messages already in the ledger: nothing written");
        deleted = counter("drainboard.messages.deleted", "Messages deleted from the queue after their commit");
        deleteFailures = counter("drainboard.messages.delete.failures",
                "Committed messages whose delete failed; they are skipped on redelivery");
        FunctionCounter.builder("drainboard.messages.released", released, AtomicLong::get)
                .description("Messages handed back to the queue uncommitted (on stop, or when a commit failed)")
                .register(registry);
        receiveLatency = Timer.builder("drainboard.receive").description("One SQS receive call (long poll included)")
                .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(30)).register(registry);
        commitLatency = Timer.builder("drainboard.commit")
                .description("One batch commit: dead letters, the PostgreSQL transaction, then the delete")
                .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(30)).register(registry);
        batchSize = DistributionSummary.builder("drainboard.batch.size").description("Messages per committed batch")
                .baseUnit("messages").serviceLevelObjectives(1, 2, 5, 10, 20, 50, 100).register(registry);
        for (Server s : Server.values()) {
            AtomicInteger v = new AtomicInteger();
            outage.put(s, v);
            Gauge.builder("drainboard.outage", v, AtomicInteger::get)
                    .description("1 while the drain cannot reach this server and is waiting it out")
                    .tag("server", s.name().toLowerCase(Locale.ROOT)).register(registry);
        }
        Gauge.builder("drainboard.ready", ready, AtomicInteger::get)
                .description("1 when SQS and PostgreSQL answer and the schema is checked").register(registry);
        depthGauges("main", depth);
        depthGauges("dead_letter", deadLetterDepth);
        Gauge.builder("drainboard.build.info", () -> 1).description("Drainboard's version and Java runtime")
                .tag("version", version).tag("java", System.getProperty("java.version", "unknown"))
                .register(registry);
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
    }

    private Counter counter(String name, String description) {
        return Counter.builder(name).description(description).register(registry);
    }

    private void depthGauges(String queue, AtomicReference<QueueDepth> ref) {
        gauge(queue, "visible", ref, QueueDepth::available);
        gauge(queue, "in_flight", ref, QueueDepth::inFlight);
        gauge(queue, "delayed", ref, QueueDepth::delayed);
    }

    private void gauge(String queue, String state, AtomicReference<QueueDepth> ref,
                       java.util.function.ToLongFunction<QueueDepth> f) {
        Gauge.builder("drainboard.queue.messages", ref, r -> r.get() == null ? Double.NaN : f.applyAsLong(r.get()))
                .description("Approximate messages in the queue (NaN until SQS has answered)")
                .tag("queue", queue).tag("state", state).register(registry);
    }

    /**
     * {@code drainboard_mask_key_info{fingerprint="…"} 1}: the key's public fingerprint (eight hex
     * digits of a labelled SHA-256, as the console shows it), so an alert can catch replicas whose
     * keys differ, which would make equal values mask differently.
     */
    public void maskKey(String fingerprint) {
        Gauge.builder("drainboard.mask.key.info", () -> 1)
                .description("The mask key in use, by fingerprint; replicas of one deployment must agree")
                .tag("fingerprint", fingerprint).register(registry);
    }

    /** Adds the connection pool's metrics (HikariCP's Micrometer tracker) when the pool is Hikari's. */
    /** {@link #bindPool(DataSource)} for the pool that {@code ws} opened. */
    public void bindPool(dev.drainboard.app.Workspace ws) {
        bindPool(ws.sink().dataSource());
    }

    public void bindPool(DataSource ds) {
        if (ds instanceof HikariDataSource h && h.getMetricsTrackerFactory() == null) {
            h.setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(registry));
        }
    }

    /** The metrics in Prometheus' text format (version 0.0.4). */
    public String scrape() {
        return registry.scrape();
    }

    void depths(QueueDepth main, QueueDepth deadLetter) {
        depth.set(main);
        deadLetterDepth.set(deadLetter);
    }

    void ready(boolean isReady) {
        ready.set(isReady ? 1 : 0);
    }

    /** True while a drain worker reports the server unreachable. */
    public boolean inOutage(Server s) {
        return outage.get(s).get() == 1;
    }

    @Override
    public void onReceived(int messages, Duration took) {
        received.increment(messages);
        receiveLatency.record(took);
    }

    @Override
    public void onCommitted(int size, Duration took) {
        commitLatency.record(took);
        batchSize.record(size);
    }

    @Override
    public void onBatch(int size, CommitResult r) {
        written.increment(r.written());
        rejected.increment(r.rejected());
        duplicates.increment(r.duplicates());
        deleted.increment(r.deleted());
        deleteFailures.increment(r.deleteFailures());
    }

    @Override
    public void onProgress(DrainStats stats) {
        released.accumulateAndGet(stats.released(), Math::max);
    }

    @Override
    public void onOutage(Server server, boolean down) {
        outage.get(server).set(down ? 1 : 0);
    }

    @Override
    public void close() {
        gc.close();
        registry.close();
    }
}
