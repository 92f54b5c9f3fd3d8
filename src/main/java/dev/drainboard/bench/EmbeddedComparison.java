package dev.drainboard.bench;

import dev.drainboard.config.AppConfig;
import dev.drainboard.config.ConfigLoader;
import dev.drainboard.embedded.DataFolder;
import dev.drainboard.embedded.EmbeddedPostgresServer;
import dev.drainboard.embedded.EmbeddedStack;
import dev.drainboard.model.DrainStats;
import dev.drainboard.model.QueueDepth;
import dev.drainboard.pipeline.DrainOptions;
import dev.drainboard.pipeline.Drainer;
import dev.drainboard.pipeline.ProgressListener;
import dev.drainboard.pipeline.StopSignal;
import dev.drainboard.sink.GroupCommitSink;
import dev.drainboard.sink.PostgresLoginSink;
import dev.drainboard.source.SqsClients;
import dev.drainboard.source.SqsQueueSource;
import dev.drainboard.transform.HmacMasker;
import dev.drainboard.transform.LoginParser;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;

/**
 * {@code bench --embedded}: the same drain on the embedded default (ElasticMQ in this JVM with its
 * store in the embedded, durable PostgreSQL, which also takes the rows) and on external servers
 * (ElasticMQ in its own JVM, in memory, and a separate durable PostgreSQL), side by side in one run:
 * the rounds alternate between the two, each seeding N messages and draining them with the same
 * worker count, so a machine that gets busier weighs on both. Every drain is verified.
 */
public final class EmbeddedComparison {
    /** Inputs: messages per drain, workers, and rounds (each round drains once on each side). */
    public record Options(long messages, int workers, int rounds) {
    }

    /**
     * One side's drains: the rates in round order, their median, the CPU per message of the last
     * round (for the embedded side the drainer's figure includes the in-process ElasticMQ), and
     * whether every drain stored each message once.
     */
    public record Side(String setup, List<Double> drain_msgs_per_s, double median_msgs_per_s,
                       CpuPerMessage cpu_us_per_msg, boolean verified) {
    }

    /** What {@code bench --embedded --json} prints. */
    public record Result(long messages, int workers, int rounds, Side external, Side embedded,
                         double embedded_to_external, boolean verified, String machine) {
    }

    private final Options options;
    private final Consumer<String> log;

    public EmbeddedComparison(Options options, Consumer<String> log) {
        this.options = options;
        this.log = log;
    }

    /** One way to the servers with everything a drain needs, closed together. */
    private static final class Stack implements AutoCloseable {
        final String name;
        final SqsQueueSource source;
        final PostgresLoginSink pg;
        final GroupCommitSink group;
        final Drainer drainer;
        final CpuMeter cpu;
        final List<Double> rates = new ArrayList<>();
        CpuPerMessage lastCpu;
        boolean verified = true;

        Stack(String name, URI sqs, String jdbc, String user, String password, Path dir, int workers, byte[] key,
              CpuMeter cpu) {
            AppConfig config = new ConfigLoader(Benchmark.benchFlags(sqs, jdbc, user, password, dir, workers, key),
                    Map.of(), new Properties()).load();
            this.name = name;
            this.source = SqsClients.open(config, sqs);
            this.pg = PostgresLoginSink.open(jdbc, user, password, workers + 2);
            this.group = new GroupCommitSink(pg, 2, 64);
            this.drainer = new Drainer(source, new LoginParser(), new HmacMasker(key), group, Clock.systemUTC());
            this.cpu = cpu;
        }

        @Override
        public void close() {
            group.close();
            pg.close();
            source.close();
        }
    }

    public Result run() throws Exception {
        Path tmp = Files.createTempDirectory("drainboard-bench-embedded");
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        SqsServerProcess sqs = null;
        EmbeddedPostgresServer externalPg = null;
        EmbeddedStack embedded = null;
        try {
            log.accept("Starting the external servers: ElasticMQ in its own JVM, PostgreSQL...");
            sqs = SqsServerProcess.start(SqsServerProcess.heapMbFor(options.messages()));
            externalPg = EmbeddedPostgresServer.startThrowaway(tmp.resolve("pg"), 0, true);
            log.accept("Starting the embedded default (ElasticMQ here, its store and the rows in PostgreSQL)...");
            embedded = EmbeddedStack.open(DataFolder.lock(tmp.resolve("data")), true, log);
            EmbeddedPostgresServer epg = embedded.postgres();
            int k = options.workers();
            try (Stack ext = new Stack("external ElasticMQ + PostgreSQL", sqs.endpoint(), externalPg.jdbcUrl(),
                    EmbeddedPostgresServer.USER, "postgres", tmp, k, key, new CpuMeter(sqs.handle(),
                    Benchmark.postmaster(externalPg.jdbcUrl(), EmbeddedPostgresServer.USER, "postgres")));
                 Stack emb = new Stack("embedded default", embedded.sqs().orElseThrow().endpoint(), epg.jdbcUrl(),
                         epg.user(), epg.password(), tmp, k, key,
                         new CpuMeter(null, Benchmark.postmaster(epg.jdbcUrl(), epg.user(), epg.password())))) {
                for (int round = 1; round <= options.rounds(); round++) {
                    for (Stack s : List.of(ext, emb)) {
                        drainOnce(s, round);
                    }
                }
                Side e = side(ext);
                Side m = side(emb);
                double ratio = e.median_msgs_per_s() > 0 ? round(m.median_msgs_per_s() / e.median_msgs_per_s()) : 0;
                return new Result(options.messages(), k, options.rounds(), e, m, ratio, e.verified() && m.verified(),
                        Runtime.getRuntime().availableProcessors() + " cores, " + System.getProperty("os.name")
                                + ", Java " + System.getProperty("java.version"));
            }
        } finally {
            if (embedded != null) {
                embedded.close();
            }
            if (externalPg != null) {
                externalPg.close();
            }
            if (sqs != null) {
                sqs.close();
            }
            Benchmark.deleteTree(tmp);
        }
    }

    private void drainOnce(Stack s, int round) throws Exception {
        long n = options.messages();
        log.accept("Round " + round + ", " + s.name + ": seeding " + n + "...");
        long before = count(s.pg, "SELECT count(*) FROM drainboard_ledger");
        Seeder.send(s.source, n, 1000 + round);
        CpuMeter.Reading r0 = s.cpu.read();
        DrainStats st = s.drainer.drainAll(DrainOptions.all(options.workers(), Duration.ZERO), ProgressListener.NONE,
                new StopSignal());
        s.lastCpu = s.cpu.read().since(r0, st.done());
        double rate = round(st.done() / (st.elapsed().toNanos() / 1e9));
        long stored = count(s.pg, "SELECT count(*) FROM drainboard_ledger") - before;
        QueueDepth left = s.source.depth();
        s.verified &= st.done() == n && stored == n && st.totals().duplicates() == 0
                && left.available() + left.inFlight() == 0;
        s.rates.add(rate);
        log.accept(String.format(Locale.ROOT, "  drained at %.0f msg/s", rate));
    }

    private static Side side(Stack s) {
        List<Double> sorted = new ArrayList<>(s.rates);
        sorted.sort(null);
        int n = sorted.size();
        double median = n == 0 ? 0 : n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
        return new Side(s.name, List.copyOf(s.rates), round(median), s.lastCpu, s.verified);
    }

    private static long count(PostgresLoginSink pg, String sql) throws Exception {
        try (Connection c = pg.dataSource().getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static double round(double d) {
        return Math.round(d * 100) / 100.0;
    }
}
