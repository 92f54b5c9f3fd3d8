package dev.drainboard.bench;

import dev.drainboard.config.AppConfig;
import dev.drainboard.config.ConfigKey;
import dev.drainboard.config.ConfigLoader;
import dev.drainboard.embedded.EmbeddedPostgresServer;
import dev.drainboard.model.DrainStats;
import dev.drainboard.model.QueueDepth;
import dev.drainboard.model.QueueMessage;
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
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Measures, in one run and on the same servers: the queue's own ceiling (receive + delete only, no
 * parsing, no database) and the full drain, at the same concurrency; then verifies the result in
 * PostgreSQL. Starts its own ElasticMQ in a child JVM and its own PostgreSQL unless given theirs.
 */
public final class Benchmark {
    /** Inputs of a run; a null endpoint or URL means "start our own". */
    public record Options(long messages, int workers, URI sqsEndpoint, String jdbcUrl, String dbUser,
                          String dbPassword, long warmupMessages, int maxWarmupRounds) {
        public Options {
            if (warmupMessages < 0 || maxWarmupRounds < 0) {
                throw new IllegalArgumentException("warm-up sizes must not be negative");
            }
        }
    }

    /** A round whose rates are within this share of the previous round's counts as steady. */
    private static final double STEADY = 0.10;

    private final Options options;
    private final Consumer<String> log;
    private long seedNanos;
    private long seeded;

    public Benchmark(Options options, Consumer<String> log) {
        this.options = options;
        this.log = log;
    }

    public BenchResult run() throws Exception {
        List<AutoCloseable> started = new ArrayList<>();
        try {
            URI endpoint = options.sqsEndpoint();
            ProcessHandle sqsProcess = null;
            ProcessHandle pgProcess = null;
            if (endpoint == null) {
                int heap = (int) Math.min(8192, 512 + options.messages() * 2048 / 1_000_000);
                log.accept("Starting ElasticMQ in its own JVM (-Xmx" + heap + "m)...");
                SqsServerProcess sqs = SqsServerProcess.start(heap);
                started.add(0, sqs);
                endpoint = sqs.endpoint();
                sqsProcess = sqs.handle();
            }
            String jdbc = options.jdbcUrl();
            String user = options.dbUser();
            String password = options.dbPassword();
            Path tmp = Files.createTempDirectory("drainboard-bench");
            if (jdbc == null) {
                log.accept("Starting PostgreSQL...");
                EmbeddedPostgresServer pg = EmbeddedPostgresServer.start(tmp.resolve("pg"), 0);
                started.add(0, pg);
                jdbc = pg.jdbcUrl();
                user = EmbeddedPostgresServer.USER;
                password = "postgres";
                pgProcess = postmaster(jdbc, user, password);
            }
            String schema = "bench_" + Long.toString(System.currentTimeMillis(), 36);
            createSchema(jdbc, user, password, schema);
            jdbc = jdbc + (jdbc.contains("?") ? "&" : "?") + "currentSchema=" + schema;
            return connectAndMeasure(endpoint, jdbc, user, password, tmp, new CpuMeter(sqsProcess, pgProcess));
        } finally {
            for (AutoCloseable c : started) {
                c.close();
            }
        }
    }

    /** The PostgreSQL server process we started: the parent of a backend serving us. */
    private static ProcessHandle postmaster(String jdbc, String user, String password) throws SQLException {
        try (Connection c = java.sql.DriverManager.getConnection(jdbc, user, password);
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            return ProcessHandle.of(rs.getLong(1)).flatMap(ProcessHandle::parent).orElse(null);
        }
    }

    private BenchResult connectAndMeasure(URI endpoint, String jdbc, String user, String password, Path tmp,
                                          CpuMeter cpu) throws Exception {
        Map<ConfigKey, String> flags = new EnumMap<>(ConfigKey.class);
        flags.put(ConfigKey.SQS_ENDPOINT, endpoint.toString());
        flags.put(ConfigKey.QUEUE, "bench-" + Long.toString(System.nanoTime(), 36));
        flags.put(ConfigKey.JDBC_URL, jdbc);
        flags.put(ConfigKey.DB_USER, user);
        flags.put(ConfigKey.DB_PASSWORD, password);
        flags.put(ConfigKey.DATA_DIR, tmp.toString());
        flags.put(ConfigKey.WORKERS, Integer.toString(options.workers()));
        flags.put(ConfigKey.WAIT_SECONDS, "0");
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        flags.put(ConfigKey.MASK_KEY, Base64.getEncoder().encodeToString(key));
        AppConfig config = new ConfigLoader(flags, Map.of(), new Properties()).load();

        int k = options.workers();
        try (SqsQueueSource source = SqsClients.open(config, endpoint);
             PostgresLoginSink pg = PostgresLoginSink.open(jdbc, user, password, k + 2)) {
            GroupCommitSink group = new GroupCommitSink(pg, 2, 64);
            try {
                return measure(source, pg, new TimingSink(group, 1 << 20), key, cpu);
            } finally {
                group.close();
            }
        }
    }

    private BenchResult measure(SqsQueueSource source, PostgresLoginSink pg, TimingSink sink, byte[] key,
                                CpuMeter cpu) throws Exception {
        int k = options.workers();
        Drainer drainer = new Drainer(source, new LoginParser(), new HmacMasker(key), sink, Clock.systemUTC());
        DrainOptions drainOptions = DrainOptions.all(k, Duration.ZERO);

        int rounds = warmUp(source, drainer, drainOptions, pg, k);
        sink.reset();

        long n = options.messages();
        seedNanos = 0;
        seeded = 0;
        log.accept("Seeding " + n + " messages for the ceiling run...");
        seed(source, n, 3);
        log.accept("Ceiling: receive + delete only, " + k + " workers...");
        CpuMeter.Reading r0 = cpu.read();
        double before = ceiling(source, n, k);
        CpuPerMessage beforeCpu = cpu.read().since(r0, n);
        log.accept(String.format(java.util.Locale.ROOT, "  %.0f msg/s", before));

        log.accept("Seeding " + n + " messages for the drain...");
        long malformed = seed(source, n, 4);
        System.gc();
        resetPeaks();
        log.accept("Full drain: receive, parse, mask, write, delete, " + k + " workers...");
        CpuMeter.Reading r1 = cpu.read();
        DrainStats s = drainer.drainAll(drainOptions, ProgressListener.NONE, new StopSignal());
        CpuPerMessage drainCpu = cpu.read().since(r1, s.done());
        long peak = peakHeapMb();
        double drain = s.done() / (s.elapsed().toNanos() / 1e9);
        log.accept(String.format(java.util.Locale.ROOT, "  %.0f msg/s", drain));
        long rows = count(pg, "SELECT count(*) FROM user_logins");
        long rejections = count(pg, "SELECT count(*) FROM drainboard_rejections");
        long ledger = count(pg, "SELECT count(*) FROM drainboard_ledger");
        QueueDepth left = source.depth();

        log.accept("Seeding " + n + " messages for the second ceiling run...");
        seed(source, n, 5);
        log.accept("Ceiling again, after the drain...");
        CpuMeter.Reading r2 = cpu.read();
        double after = ceiling(source, n, k);
        CpuPerMessage afterCpu = cpu.read().since(r2, n);
        log.accept(String.format(java.util.Locale.ROOT, "  %.0f msg/s", after));
        double ceiling = Math.max(before, after);

        boolean verified = rows == n - malformed && rejections == malformed && ledger == n
                && left.available() + left.inFlight() == 0 && s.totals().duplicates() == 0;
        return new BenchResult(n, k, round(ceiling), round(drain), round(drain / ceiling), round(before),
                round(after), rounds, rounds * options.warmupMessages(), rows, rejections,
                n - malformed, malformed, verified, peak, Runtime.getRuntime().maxMemory() >> 20,
                round(sink.quantileMs(0.5)), round(sink.quantileMs(0.99)),
                round(seeded / (seedNanos / 1e9)), before >= after ? beforeCpu : afterCpu, drainCpu, machine());
    }

    /**
     * Runs the servers and both code paths until they are warm: the JIT of a fresh ElasticMQ and of
     * this JVM keeps raising the rates for several hundred thousand messages, so measuring after a
     * fixed small warm-up would measure the warm-up. Each round drains W messages and runs the ceiling
     * loop on W more; it stops when both rates rose by less than {@link #STEADY}. Returns the rounds run.
     */
    private int warmUp(SqsQueueSource source, Drainer drainer, DrainOptions drainOptions, PostgresLoginSink pg,
                       int k) throws Exception {
        long w = options.warmupMessages();
        double lastDrain = 0;
        double lastCeiling = 0;
        int round = 0;
        while (round < options.maxWarmupRounds() && w > 0) {
            round++;
            seed(source, w, 100 + round);
            DrainStats s = drainer.drainAll(drainOptions, ProgressListener.NONE, new StopSignal());
            double drain = s.done() / (s.elapsed().toNanos() / 1e9);
            seed(source, w, 200 + round);
            double ceiling = ceiling(source, w, k);
            truncate(pg);
            log.accept(String.format(java.util.Locale.ROOT, "Warm-up round %d of at most %d (%,d messages): "
                    + "drain %.0f msg/s, ceiling %.0f msg/s", round, options.maxWarmupRounds(), w, drain, ceiling));
            boolean steady = drain < lastDrain * (1 + STEADY) && ceiling < lastCeiling * (1 + STEADY);
            lastDrain = Math.max(lastDrain, drain);
            lastCeiling = Math.max(lastCeiling, ceiling);
            if (steady) {
                break;
            }
        }
        return round;
    }

    /** Sends n generated messages; returns how many of them are malformed. */
    private long seed(SqsQueueSource source, long n, long seed) throws Exception {
        long t = System.nanoTime();
        long malformed = Seeder.send(source, n, seed);
        seedNanos += System.nanoTime() - t;
        seeded += n;
        return malformed;
    }

    /** Receive 10 + delete-batch only, with k threads, until n are deleted; returns msg/s. */
    private static double ceiling(SqsQueueSource source, long n, int k) throws Exception {
        AtomicLong deleted = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(k);
        long t = System.nanoTime();
        try {
            List<Future<?>> fs = new ArrayList<>();
            for (int i = 0; i < k; i++) {
                fs.add(pool.submit(() -> {
                    int empty = 0;
                    while (deleted.get() < n && empty < 20) {
                        List<QueueMessage> got = source.receive(10, Duration.ZERO);
                        if (got.isEmpty()) {
                            empty++;
                            continue;
                        }
                        empty = 0;
                        deleted.addAndGet(source.delete(got).deleted());
                    }
                    return null;
                }));
            }
            for (Future<?> f : fs) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        return deleted.get() / ((System.nanoTime() - t) / 1e9);
    }

    private static void createSchema(String jdbc, String user, String password, String schema) throws SQLException {
        try (Connection c = java.sql.DriverManager.getConnection(jdbc, user, password);
             Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        }
    }

    private static void truncate(PostgresLoginSink pg) throws SQLException {
        try (Connection c = pg.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("TRUNCATE user_logins, drainboard_ledger, drainboard_rejections");
        }
    }

    private static long count(PostgresLoginSink pg, String sql) throws SQLException {
        try (Connection c = pg.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void resetPeaks() {
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) {
                p.resetPeakUsage();
            }
        }
    }

    /** Sum of the heap pools' peaks since the last reset: an upper bound of the peak heap in use. */
    private static long peakHeapMb() {
        long sum = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) {
                sum += p.getPeakUsage().getUsed();
            }
        }
        return sum >> 20;
    }

    private static String machine() {
        return Runtime.getRuntime().availableProcessors() + " cores, " + System.getProperty("os.name") + " "
                + System.getProperty("os.arch") + ", Java " + System.getProperty("java.version");
    }

    private static double round(double d) {
        return Math.round(d * 100) / 100.0;
    }
}
