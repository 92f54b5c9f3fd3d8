package dev.drainboard.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drainboard.bench.BenchResult;
import dev.drainboard.bench.Benchmark;
import dev.drainboard.bench.PulseBench;
import dev.drainboard.config.ConfigLoader;
import java.io.PrintWriter;
import java.net.URI;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure the queue's ceiling and the full drain on the same servers, then verify the result.")
final class BenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--messages", paramLabel = "N", defaultValue = "100000", description = "messages per run (default 100000)")
    long messages;

    @Option(names = "--workers", paramLabel = "K", defaultValue = "16", description = "concurrent workers (default 16)")
    int workers;

    @Option(names = "--warmup", paramLabel = "W", defaultValue = "50000",
            description = "messages per warm-up round, drained and then run through the ceiling loop (default 50000)")
    long warmup;

    @Option(names = "--warmup-rounds", paramLabel = "R", defaultValue = "8",
            description = "at most this many warm-up rounds; fewer once two rounds in a row raised neither rate by 10 %% (default 8)")
    int warmupRounds;

    @Option(names = "--sqs-endpoint", paramLabel = "URL", description = "use this SQS instead of starting ElasticMQ")
    URI sqsEndpoint;

    @Option(names = "--jdbc-url", paramLabel = "URL", description = "use this PostgreSQL instead of starting one")
    String jdbcUrl;

    @Option(names = "--db-user", defaultValue = "postgres", description = "user for --jdbc-url")
    String dbUser;

    @Option(names = "--db-password", defaultValue = "postgres", description = "password for --jdbc-url")
    String dbPassword;

    @Option(names = "--sqs-rtt-ms", paramLabel = "R", defaultValue = "0",
            description = "put a proxy adding R ms per round trip in front of the queue server for the ceiling and "
                    + "the drain, as if SQS were that far away (default 0: loopback)")
    int sqsRttMs;

    @Option(names = "--db-rtt-ms", paramLabel = "R", defaultValue = "0",
            description = "the same in front of PostgreSQL (default 0)")
    int dbRttMs;

    @Option(names = "--sweep", paramLabel = "K,K,...", split = ",",
            description = "after the main run, drain N messages at each of these worker counts, and adaptively "
                    + "(at most the largest count) before and after them, and compare")
    java.util.List<Integer> sweep = new java.util.ArrayList<>();

    @Option(names = "--embedded", description = "drain on the embedded default and on external ElasticMQ + "
            + "PostgreSQL side by side, alternating, --rounds times each, and compare")
    boolean embedded;

    @Option(names = "--rounds", paramLabel = "R", defaultValue = "3",
            description = "with --embedded: drains per side (default 3)")
    int rounds;

    @Option(names = "--json", description = "print one JSON object instead of a table")
    boolean json;

    @Option(names = "--console", description = "drain from the console window and measure the longest gap between "
            + "JavaFX frames (needs a display: run under xvfb-run on a server)")
    boolean console;

    @Option(names = "--standalone-queue", description = "with --console: the queue in a standalone ElasticMQ in its "
            + "own JVM instead of the embedded default (a faster queue, so the drain keeps every core busy)")
    boolean standaloneQueue;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (messages < 1 || workers < 1 || workers > 64 || warmup < 0 || warmupRounds < 0 || sqsRttMs < 0
                || dbRttMs < 0 || sweep.stream().anyMatch(k -> k < 1 || k > 64)) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--messages must be at least 1, --workers and --sweep 1-64, --warmup and --warmup-rounds 0 or "
                            + "more, --sqs-rtt-ms and --db-rtt-ms 0 or more");
        }
        if (standaloneQueue && !console) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--standalone-queue goes with --console (the main bench always runs its own ElasticMQ)");
        }
        if (console) {
            return consoleBench(out, err);
        }
        if (embedded) {
            return embeddedBench(out, err);
        }
        // 'embedded' means what leaving the option out means: the bench starts its own server
        URI sqs = sqsEndpoint == null || ConfigLoader.isEmbedded(sqsEndpoint.toString()) ? null : sqsEndpoint;
        String jdbc = ConfigLoader.isEmbedded(jdbcUrl) ? null : jdbcUrl;
        BenchResult r = new Benchmark(new Benchmark.Options(messages, workers, sqs, jdbc, dbUser,
                dbPassword, warmup, warmupRounds, sqsRttMs, dbRttMs, sweep), err::println).run();
        if (json) {
            out.println(new ObjectMapper().writeValueAsString(r));
        } else {
            out.printf(Locale.ROOT, "%-22s %,d%n", "messages", r.messages());
            out.printf(Locale.ROOT, "%-22s %d%n", "workers", r.workers());
            out.printf(Locale.ROOT, "%-22s %d rounds of %,d drained + %,d through the ceiling loop, %s%n", "warm-up",
                    r.warmup_rounds(), warmup, warmup, r.warmup_steady() ? "rates levelled off"
                            : "rates still rising (raise --warmup-rounds)");
            out.printf(Locale.ROOT, "%-22s %,.0f msg/s (before the drain %,.0f, after %,.0f)%n", "ceiling (SQS only)",
                    r.ceiling_msgs_per_s(), r.ceiling_before_drain_msgs_per_s(), r.ceiling_after_drain_msgs_per_s());
            out.printf(Locale.ROOT, "%-22s %,.0f msg/s%n", "full drain", r.drain_msgs_per_s());
            out.printf(Locale.ROOT, "%-22s %.2f%n", "ratio", r.ratio());
            out.printf(Locale.ROOT, "%-22s %,d rows + %,d rejections (expected %,d + %,d)%n", "result", r.rows(),
                    r.rejections(), r.expected_rows(), r.expected_rejections());
            out.printf(Locale.ROOT, "%-22s %s%n", "verified", r.verified());
            out.printf(Locale.ROOT, "%-22s %d MB of %d MB%n", "peak heap", r.peak_heap_mb(), r.max_heap_mb());
            out.printf(Locale.ROOT, "%-22s p50 %.1f ms, p99 %.1f ms%n", "commit (db txn)", r.commit_p50_ms(),
                    r.commit_p99_ms());
            out.printf(Locale.ROOT, "%-22s %s%n", "cpu, ceiling", cpu(r.ceiling_cpu_us_per_msg()));
            out.printf(Locale.ROOT, "%-22s %s%n", "cpu, full drain", cpu(r.drain_cpu_us_per_msg()));
            if (r.sqs_rtt_ms() > 0 || r.db_rtt_ms() > 0) {
                out.printf(Locale.ROOT, "%-22s SQS +%d ms, PostgreSQL +%d ms per round trip%n", "added latency",
                        r.sqs_rtt_ms(), r.db_rtt_ms());
            }
            if (r.sweep() != null) {
                for (BenchResult.SweepPoint p : r.sweep()) {
                    out.printf(Locale.ROOT, "%-22s %,.0f msg/s%n", "drain, " + p.workers() + " workers",
                            p.drain_msgs_per_s());
                }
                for (BenchResult.AdaptiveRun a : r.adaptive()) {
                    out.printf(Locale.ROOT, "%-22s %,.0f msg/s (ended at %d, path %s)%n",
                            "drain, adaptive <= " + a.max_workers(), a.drain_msgs_per_s(), a.final_limit(),
                            a.limit_path());
                }
                out.printf(Locale.ROOT, "%-22s %.2f of the best fixed (%d workers)%n", "adaptive",
                        r.sweep_summary().adaptive_to_best_fixed(), r.sweep_summary().best_fixed_workers());
            }
            out.printf(Locale.ROOT, "%-22s %s%n", "machine", r.machine());
        }
        return r.verified() ? 0 : 1;
    }

    /** "drainer 28 + queue 58 + database 0 = 86 µs of CPU per message", with "n/a" for a server not measured. */
    static String cpu(dev.drainboard.bench.CpuPerMessage c) {
        return String.format(Locale.ROOT, "drainer %s + queue %s + database %s = %s%d µs of CPU per message",
                part(c.drainer()), part(c.sqs_server()), part(c.postgres()), c.complete() ? "" : "at least ",
                c.total());
    }

    private static String part(double us) {
        return us < 0 ? "n/a" : Long.toString(Math.round(us));
    }

    private int embeddedBench(PrintWriter out, PrintWriter err) throws Exception {
        if (rounds < 1) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--rounds must be at least 1");
        }
        dev.drainboard.bench.EmbeddedComparison.Result r = new dev.drainboard.bench.EmbeddedComparison(
                new dev.drainboard.bench.EmbeddedComparison.Options(messages, workers, rounds), err::println).run();
        if (json) {
            out.println(new ObjectMapper().writeValueAsString(r));
        } else {
            for (dev.drainboard.bench.EmbeddedComparison.Side side : java.util.List.of(r.external(), r.embedded())) {
                out.printf(Locale.ROOT, "%-32s median %,.0f msg/s (rounds %s), %s%n", side.setup(),
                        side.median_msgs_per_s(), side.drain_msgs_per_s(), cpu(side.cpu_us_per_msg()));
            }
            out.printf(Locale.ROOT, "%-32s %.2f%n", "embedded / external", r.embedded_to_external());
            out.printf(Locale.ROOT, "%-32s %s%n", "verified", r.verified());
        }
        return r.verified() ? 0 : 1;
    }

    private int consoleBench(PrintWriter out, PrintWriter err) throws Exception {
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("drainboard-pulse");
        java.util.Map<dev.drainboard.config.ConfigKey, String> flags = new java.util.EnumMap<>(
                dev.drainboard.config.ConfigKey.class);
        flags.put(dev.drainboard.config.ConfigKey.DATA_DIR, dir.toString());
        flags.put(dev.drainboard.config.ConfigKey.WORKERS, Integer.toString(workers));
        flags.put(dev.drainboard.config.ConfigKey.WAIT_SECONDS, "0");
        PulseBench.Result r;
        try {
            r = standaloneQueue ? PulseBench.runWithStandaloneQueue(flags, messages, err::println)
                    : PulseBench.run(flags, messages, err::println);
        } finally {
            Benchmark.deleteTree(dir);
        }
        if (json) {
            out.println(new ObjectMapper().writeValueAsString(r));
        } else {
            out.printf(Locale.ROOT, "%-26s %,d (%d workers) at %,.0f msg/s%n", "drained from the console",
                    r.messages(), r.workers(), r.drain_msgs_per_s());
            out.printf(Locale.ROOT, "%-26s %.1f ms (p99 %.1f ms, %,d pulses)%n", "longest FX pulse gap",
                    r.fx_max_pulse_gap_ms(), r.fx_p99_pulse_gap_ms(), r.pulses());
            out.printf(Locale.ROOT, "%-26s %.1f ms (p99 %.1f ms)%n", "longest FX event delay",
                    r.fx_max_event_delay_ms(), r.fx_p99_event_delay_ms());
            out.printf(Locale.ROOT, "%-26s longest %.1f ms, %.0f ms in all; JIT compiling %,.0f ms%n",
                    "console JVM GC pauses", r.gc_max_pause_ms(), r.gc_pause_total_ms(), r.jit_compile_ms());
            for (PulseBench.Gap g : r.longest_gaps()) {
                out.printf(Locale.ROOT, "%-26s %.1f ms ending %.1f s into the drain (%.1f ms of it GC)%n",
                        "  a long pulse gap", g.ms(), g.at_s(), g.gc_ms());
            }
            out.printf(Locale.ROOT, "%-26s %,.0f msg/s on the same stack; console / CLI %.2f%n",
                    "the CLI's drain", r.cli_msgs_per_s(), r.console_to_cli());
            out.printf(Locale.ROOT, "%-26s %.0f %% of the drain's wall time%n", "FX thread busy",
                    r.fx_thread_busy_share() * 100);
            out.printf(Locale.ROOT, "%-26s %.0f %% of the drain's wall time%n", "render thread busy",
                    r.render_thread_busy_share() * 100);
            out.printf(Locale.ROOT, "%-26s %s (%,d rows + %,d rejections)%n", "verified", r.verified(), r.rows(),
                    r.rejections());
        }
        return r.verified() ? 0 : 1;
    }
}
