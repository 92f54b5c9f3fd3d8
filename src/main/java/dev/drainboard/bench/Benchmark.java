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
    /**
     * Inputs of a run; a null endpoint or URL means "start our own". {@code sqsRttMs} and
     * {@code dbRttMs} put a {@link DelayProxy} in front of the queue server and the database for
     * the measured phases (seeding and the warm-up go around it, so they stay short). {@code sweep}:
     * worker counts to drain with after the main measurement, each on its own N messages, with an
     * adaptive drain (up to the largest count) before and after them; empty for none.
     */
    public record Options(long messages, int workers, URI sqsEndpoint, String jdbcUrl, String dbUser,
                          String dbPassword, long warmupMessages, int maxWarmupRounds, int sqsRttMs, int dbRttMs,
                          List<Integer> sweep) {
        public Options {
            if (warmupMessages < 0 || maxWarmupRounds < 0) {
                throw new IllegalArgumentException("warm-up sizes must not be negative");
            }
            if (sqsRttMs < 0 || dbRttMs < 0) {
                throw new IllegalArgumentException("a round-trip delay cannot be negative");
            }
            sweep = List.copyOf(sweep);
        }

        public Options(long messages, int workers, URI sqsEndpoint, String jdbcUrl, String dbUser,
                       String dbPassword, long warmupMessages, int maxWarmupRounds) {
            this(messages, workers, sqsEndpoint, jdbcUrl, dbUser, dbPassword, warmupMessages, maxWarmupRounds, 0, 0,
                    List.of());
        }
    }

    /** A warm-up round that beat neither best earlier rate by more than this share counts as steady. */
    private static final double STEADY = 0.10;

    private static final java.util.regex.Pattern JDBC_HOST_PORT =
            java.util.regex.Pattern.compile("^(jdbc:postgresql://)([^:/?]+):(\\d+)");

    /** Where the queue server and the database are reached: directly, or through the delay proxies. */
    private record Endpoints(URI sqs, String jdbc) {
    }

    private final Options options;
    private final Consumer<String> log;
    private DelayProxy sqsProxy;
    private DelayProxy dbProxy;
    private long seedNanos;
    private long seeded;

    public Benchmark(Options options, Consumer<String> log) {
        this.options = options;
        this.log = log;
    }

    public BenchResult run() throws Exception {
        List<AutoCloseable> started = new ArrayList<>();
        Path tmp = Files.createTempDirectory("drainboard-bench");
        Exception failure = null;
        try {
            URI endpoint = options.sqsEndpoint();
            ProcessHandle sqsProcess = null;
            ProcessHandle pgProcess = null;
            if (endpoint == null) {
                int heap = SqsServerProcess.heapMbFor(options.messages());
                log.accept("Starting ElasticMQ in its own JVM (-Xmx" + heap + "m)...");
                SqsServerProcess sqs = SqsServerProcess.start(heap);
                started.add(0, sqs);
                endpoint = sqs.endpoint();
                sqsProcess = sqs.handle();
            }
            String jdbc = options.jdbcUrl();
            String user = options.dbUser();
            String password = options.dbPassword();
            if (jdbc == null) {
                log.accept("Starting PostgreSQL...");
                EmbeddedPostgresServer pg = EmbeddedPostgresServer.startThrowaway(tmp.resolve("pg"), 0, true);
                started.add(0, pg);
                jdbc = pg.jdbcUrl();
                user = EmbeddedPostgresServer.USER;
                password = "postgres";
                pgProcess = postmaster(jdbc, user, password);
            }
            String schema = "bench_" + Long.toString(System.currentTimeMillis(), 36);
            createSchema(jdbc, user, password, schema);
            jdbc = jdbc + (jdbc.contains("?") ? "&" : "?") + "currentSchema=" + schema;
            Endpoints direct = new Endpoints(endpoint, jdbc);
            Endpoints measured = direct;
            if (options.sqsRttMs() > 0) {
                sqsProxy = DelayProxy.start(endpoint.getHost(), endpoint.getPort(),
                        Duration.ofMillis(options.sqsRttMs()));
                started.add(0, sqsProxy);
                measured = new Endpoints(URI.create("http://127.0.0.1:" + sqsProxy.port()), measured.jdbc());
                log.accept("SQS behind a proxy adding " + options.sqsRttMs() + " ms per round trip");
            }
            if (options.dbRttMs() > 0) {
                java.util.regex.Matcher m = JDBC_HOST_PORT.matcher(jdbc);
                if (!m.find()) {
                    throw new IllegalArgumentException("--db-rtt-ms needs a JDBC URL with host:port");
                }
                dbProxy = DelayProxy.start(m.group(2), Integer.parseInt(m.group(3)),
                        Duration.ofMillis(options.dbRttMs()));
                started.add(0, dbProxy);
                measured = new Endpoints(measured.sqs(), m.replaceFirst("$1127.0.0.1:" + dbProxy.port()));
                log.accept("PostgreSQL behind a proxy adding " + options.dbRttMs() + " ms per round trip");
            }
            return connectAndMeasure(direct, measured, user, password, tmp, new CpuMeter(sqsProcess, pgProcess, this::proxyCpuNanos));
        } catch (Exception e) {
            failure = e;
            throw e;
        } finally {
            closeAll(started, failure);
            deleteTree(tmp);
        }
    }

    /** Closes every server even when one fails to close; a close failure never hides the run's own. */
    private static void closeAll(List<AutoCloseable> started, Exception failure) throws Exception {
        Exception first = null;
        for (AutoCloseable c : started) {
            try {
                c.close();
            } catch (Exception e) {
                if (failure != null) {
                    failure.addSuppressed(e);
                } else if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    /** Removes a run's temporary folder (the bench's own PostgreSQL data lives there). Best effort. */
    public static void deleteTree(Path dir) {
        try (java.util.stream.Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (java.io.IOException | java.io.UncheckedIOException e) {
            // best effort: it is a temporary folder
        }
    }

    /** The PostgreSQL server process we started: the parent of a backend serving us. */
    static ProcessHandle postmaster(String jdbc, String user, String password) throws SQLException {
        try (Connection c = java.sql.DriverManager.getConnection(jdbc, user, password);
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            return ProcessHandle.of(rs.getLong(1)).flatMap(ProcessHandle::parent).orElse(null);
        }
    }

    /**
     * The settings of a bench drain: the given servers, a queue of its own, no long poll (a drain
     * ends at the first empty receive) and the run's own mask key.
     */
    static Map<ConfigKey, String> benchFlags(URI sqs, String jdbc, String user, String password, Path dataDir,
                                             int workers, byte[] key) {
        Map<ConfigKey, String> flags = new EnumMap<>(ConfigKey.class);
        flags.put(ConfigKey.SQS_ENDPOINT, sqs.toString());
        flags.put(ConfigKey.QUEUE, "bench-" + Long.toString(System.nanoTime(), 36));
        flags.put(ConfigKey.JDBC_URL, jdbc);
        flags.put(ConfigKey.DB_USER, user);
        flags.put(ConfigKey.DB_PASSWORD, password);
        flags.put(ConfigKey.DATA_DIR, dataDir.toString());
        flags.put(ConfigKey.WORKERS, Integer.toString(workers));
        flags.put(ConfigKey.WAIT_SECONDS, "0");
        flags.put(ConfigKey.MASK_KEY, Base64.getEncoder().encodeToString(key));
        return flags;
    }

    private BenchResult connectAndMeasure(Endpoints direct, Endpoints measured, String user, String password,
                                          Path tmp, CpuMeter cpu) throws Exception {
        URI endpoint = direct.sqs();
        String jdbc = direct.jdbc();
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        Map<ConfigKey, String> flags = benchFlags(endpoint, jdbc, user, password, tmp, options.workers(), key);
        AppConfig config = new ConfigLoader(flags, Map.of(), new Properties()).load();

        int k = Math.max(options.workers(), options.sweep().stream().mapToInt(Integer::intValue).max().orElse(1));
        AppConfig measuredConfig = new ConfigLoader(withWorkers(flags, k), Map.of(), new Properties()).load();
        try (SqsQueueSource source = SqsClients.open(config, endpoint);
             PostgresLoginSink pg = PostgresLoginSink.open(jdbc, user, password, options.workers() + 2);
             SqsQueueSource far = measured == direct ? null : SqsClients.open(measuredConfig, measured.sqs());
             PostgresLoginSink farPg = measured.jdbc().equals(jdbc) ? null
                     : PostgresLoginSink.open(measured.jdbc(), user, password, k + 2)) {
            GroupCommitSink group = new GroupCommitSink(pg, 2, 64);
            GroupCommitSink farGroup = farPg == null ? null : new GroupCommitSink(farPg, 2, 64);
            try {
                Sides sides = new Sides(source, new CountingQueue(far == null ? source : far), pg, farPg == null ? pg : farPg,
                        new TimingSink(farGroup == null ? group : farGroup, 1 << 20));
                return measure(sides, key, cpu);
            } finally {
                group.close();
                if (farGroup != null) {
                    farGroup.close();
                }
            }
        }
    }

    private static Map<ConfigKey, String> withWorkers(Map<ConfigKey, String> flags, int k) {
        Map<ConfigKey, String> m = new EnumMap<>(flags);
        m.put(ConfigKey.WORKERS, Integer.toString(k));
        return m;
    }

    /**
     * The two ways to the servers: {@code source}/{@code pg} directly (seeding, counting,
     * emptying the tables) and {@code far}/{@code farPg} through the delay proxies (the warm-up and
     * the measured phases, so the connections and code paths measured are the warmed ones; the
     * same objects when no delay is asked for).
     */
    private record Sides(SqsQueueSource source, CountingQueue far, PostgresLoginSink pg, PostgresLoginSink farPg,
                         TimingSink sink) {
    }

    private BenchResult measure(Sides sides, byte[] key, CpuMeter cpu) throws Exception {
        int k = options.workers();
        SqsQueueSource source = sides.source();
        PostgresLoginSink pg = sides.pg();
        TimingSink sink = sides.sink();
        Drainer drainer = new Drainer(sides.far(), new LoginParser(), new HmacMasker(key), sink, Clock.systemUTC());
        DrainOptions drainOptions = DrainOptions.all(k, Duration.ZERO);

        WarmUp warm = warmUp(source, sides.far(), drainer, drainOptions, pg, k);
        sink.reset();

        long n = options.messages();
        seedNanos = 0;
        seeded = 0;
        log.accept("Seeding " + n + " messages for the ceiling run...");
        seed(source, n, 3);
        log.accept("Ceiling: receive + delete only, " + k + " workers...");
        sides.far().reset();
        CpuMeter.Reading r0 = cpu.read();
        Ceiling c1 = ceiling(sides.far(), n, k);
        CpuPerMessage beforeCpu = cpu.read().since(r0, c1.deleted());
        BenchResult.ApiCalls beforeCalls = sides.far().perMessage(c1.deleted());
        double before = c1.rate();
        log.accept(String.format(java.util.Locale.ROOT, "  %.0f msg/s", before));

        log.accept("Seeding " + n + " messages for the drain...");
        long malformed = seed(source, n, 4);
        System.gc();
        resetPeaks();
        log.accept("Full drain: receive, parse, mask, write, delete, " + k + " workers...");
        sides.far().reset();
        CpuMeter.Reading r1 = cpu.read();
        DrainStats s = drainer.drainAll(drainOptions, ProgressListener.NONE, new StopSignal());
        CpuPerMessage drainCpu = cpu.read().since(r1, s.done());
        BenchResult.ApiCalls drainCalls = sides.far().perMessage(s.done());
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
        sides.far().reset();
        CpuMeter.Reading r2 = cpu.read();
        Ceiling c2 = ceiling(sides.far(), n, k);
        CpuPerMessage afterCpu = cpu.read().since(r2, c2.deleted());
        BenchResult.ApiCalls afterCalls = sides.far().perMessage(c2.deleted());
        double after = c2.rate();
        log.accept(String.format(java.util.Locale.ROOT, "  %.0f msg/s", after));
        double ceiling = Math.max(before, after);

        boolean verified = rows == n - malformed && rejections == malformed && ledger == n
                && left.available() + left.inFlight() == 0 && s.totals().duplicates() == 0;
        double commitP50 = round(sink.quantileMs(0.5));
        double commitP99 = round(sink.quantileMs(0.99));
        Sweep sweep = options.sweep().isEmpty() ? null : sweep(sides, drainer, n);
        if (sweep != null) {
            verified &= sweep.verified();
        }
        return new BenchResult(n, k, round(ceiling), round(drain), round(drain / ceiling), round(before),
                round(after), warm.rounds(), warm.rounds() * options.warmupMessages(), warm.steady(), rows, rejections,
                n - malformed, malformed, verified, peak, Runtime.getRuntime().maxMemory() >> 20,
                commitP50, commitP99,
                round(seeded / (seedNanos / 1e9)), before >= after ? beforeCpu : afterCpu, drainCpu, machine(),
                options.sqsRttMs(), options.dbRttMs(), proxyMs(sqsProxy), proxyMs(dbProxy),
                Drainer.COMMITS_PER_WORKER, sweep == null ? null : sweep.fixed(),
                sweep == null ? null : sweep.adaptive(), sweep == null ? null : sweep.summary(),
                before >= after ? beforeCalls : afterCalls, drainCalls);
    }

    private long proxyCpuNanos() {
        return (sqsProxy == null ? 0 : sqsProxy.cpuNanos()) + (dbProxy == null ? 0 : dbProxy.cpuNanos());
    }

    private static Double proxyMs(DelayProxy p) {
        return p == null ? null : round(p.minOneWayDelayMs());
    }

    /** What a sweep found: each fixed worker count's drain, the adaptive drains, and the comparison. */
    private record Sweep(List<BenchResult.SweepPoint> fixed, List<BenchResult.AdaptiveRun> adaptive,
                         BenchResult.SweepSummary summary, boolean verified) {
    }

    /**
     * Drains N messages at each worker count of the sweep, and adaptively (up to the largest count)
     * before and after them, so a machine that slows down during the sweep weighs on both sides.
     * Each drain is verified (every message a row or a rejection, once) and the tables emptied after it.
     */
    private Sweep sweep(Sides sides, Drainer drainer, long n) throws Exception {
        int max = options.sweep().stream().mapToInt(Integer::intValue).max().orElseThrow();
        List<BenchResult.SweepPoint> fixed = new ArrayList<>();
        List<BenchResult.AdaptiveRun> adaptive = new ArrayList<>();
        boolean verified = true;
        truncate(sides.pg());
        for (int step = 0; step <= options.sweep().size() + 1; step++) {
            boolean adapt = step == 0 || step == options.sweep().size() + 1;
            int workers = adapt ? max : options.sweep().get(step - 1);
            seed(sides.source(), n, 300 + step);
            DrainOptions o = DrainOptions.all(workers, Duration.ZERO);
            List<Integer> limits = new java.util.concurrent.CopyOnWriteArrayList<>();
            DrainStats s = adapt ? drainer.drainAll(o.adaptiveUpTo(), ProgressListener.NONE, new StopSignal(),
                    limits::add) : drainer.drainAll(o, ProgressListener.NONE, new StopSignal());
            double rate = round(s.done() / (s.elapsed().toNanos() / 1e9));
            long stored = count(sides.pg(), "SELECT count(*) FROM drainboard_ledger");
            boolean ok = s.done() == n && stored == n && s.totals().duplicates() == 0;
            verified &= ok;
            truncate(sides.pg());
            if (adapt) {
                int last = limits.isEmpty() ? Math.min(Drainer.ADAPTIVE_START, max)
                        : limits.get(limits.size() - 1);
                adaptive.add(new BenchResult.AdaptiveRun(max, rate, last, List.copyOf(limits), ok));
                log.accept(String.format(java.util.Locale.ROOT, "Adaptive drain (at most %d workers): %.0f msg/s, "
                        + "limit path %s", max, rate, limits));
            } else {
                fixed.add(new BenchResult.SweepPoint(workers, rate, ok));
                log.accept(String.format(java.util.Locale.ROOT, "Drain with %d workers: %.0f msg/s", workers, rate));
            }
        }
        BenchResult.SweepPoint best = fixed.stream()
                .max(java.util.Comparator.comparingDouble(BenchResult.SweepPoint::drain_msgs_per_s)).orElseThrow();
        double meanAdaptive = adaptive.stream().mapToDouble(BenchResult.AdaptiveRun::drain_msgs_per_s).average()
                .orElse(0);
        BenchResult.SweepSummary summary = new BenchResult.SweepSummary(best.workers(), best.drain_msgs_per_s(),
                round(meanAdaptive), round(meanAdaptive / best.drain_msgs_per_s()));
        return new Sweep(fixed, adaptive, summary, verified);
    }

    /** How the warm-up ended: rounds run, and whether the rates had levelled off. */
    private record WarmUp(int rounds, boolean steady) {
    }

    /**
     * Runs the servers and both code paths until they are warm: the JIT of a fresh ElasticMQ and of
     * this JVM keeps raising the rates for several hundred thousand messages, so measuring after a
     * fixed small warm-up would measure the warm-up. Each round drains W messages, then runs the
     * ceiling loop on W more. A round is steady when neither rate beat the best earlier round by
     * {@link #STEADY}; the warm-up ends after two steady rounds in a row (one could be noise, as when a
     * warming server stalls for a round) or at the round limit, which the result reports as not steady.
     */
    private WarmUp warmUp(SqsQueueSource source, dev.drainboard.source.DrainQueue loop, Drainer drainer,
                          DrainOptions drainOptions, PostgresLoginSink pg, int k) throws Exception {
        long w = options.warmupMessages();
        double bestDrain = 0;
        double bestCeiling = 0;
        int steadyRounds = 0;
        int round = 0;
        while (round < options.maxWarmupRounds() && w > 0 && steadyRounds < 2) {
            round++;
            seed(source, w, 100 + round);
            DrainStats s = drainer.drainAll(drainOptions, ProgressListener.NONE, new StopSignal());
            double drain = s.done() / (s.elapsed().toNanos() / 1e9);
            seed(source, w, 200 + round);
            double ceiling = ceiling(loop, w, k).rate();
            truncate(pg);
            log.accept(String.format(java.util.Locale.ROOT, "Warm-up round %d of at most %d (%,d messages drained, "
                    + "%,d through the ceiling loop): drain %.0f msg/s, ceiling %.0f msg/s", round,
                    options.maxWarmupRounds(), w, w, drain, ceiling));
            boolean steady = drain < bestDrain * (1 + STEADY) && ceiling < bestCeiling * (1 + STEADY);
            steadyRounds = steady ? steadyRounds + 1 : 0;
            bestDrain = Math.max(bestDrain, drain);
            bestCeiling = Math.max(bestCeiling, ceiling);
        }
        boolean levelled = steadyRounds >= 2;
        if (w > 0 && options.maxWarmupRounds() > 0 && !levelled) {
            log.accept("Warning: the rates were still rising after " + round + " warm-up rounds; the figures below "
                    + "may be those of a warming server (raise --warmup-rounds)");
        }
        return new WarmUp(round, levelled);
    }

    /** Sends n generated messages; returns how many of them are malformed. */
    private long seed(SqsQueueSource source, long n, long seed) throws Exception {
        long t = System.nanoTime();
        long malformed = Seeder.send(source, n, seed);
        seedNanos += System.nanoTime() - t;
        seeded += n;
        return malformed;
    }

    /** What a ceiling run did: messages deleted, and the rate. */
    private record Ceiling(long deleted, double rate) {
    }

    /** Receive 10 + delete-batch only, with k threads, until n are deleted or the queue stays empty. */
    private static Ceiling ceiling(dev.drainboard.source.DrainQueue source, long n, int k) throws Exception {
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
        return new Ceiling(deleted.get(), deleted.get() / ((System.nanoTime() - t) / 1e9));
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
