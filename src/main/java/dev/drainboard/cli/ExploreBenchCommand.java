package dev.drainboard.cli;

import dev.drainboard.bench.ExploreBench;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "explore-bench", mixinStandardHelpOptions = true,
        description = "Load N synthetic (already masked-looking) rows into a throwaway PostgreSQL and print "
                + "p50/p95 of every explore query.")
final class ExploreBenchCommand implements Callable<Integer> {
    /** The latency every explore query should stay under at its 95th percentile. */
    static final double TARGET_P95_MS = 200;

    @Spec
    CommandSpec spec;

    @Option(names = "--rows", paramLabel = "N", defaultValue = "1000000", description = "rows to load (default 1000000)")
    long rows;

    @Option(names = "--repeat", paramLabel = "R", defaultValue = "30", description = "timed runs per query (default 30)")
    int repeat;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (rows < 1000 || repeat < 1) {
            err.println("explore-bench: --rows must be at least 1000 and --repeat at least 1");
            return 2;
        }
        ExploreBench.Result r = ExploreBench.runThrowaway(rows, repeat, err::println);
        out.printf("explore-bench: %,d rows (load %.1f s, indexes + analyze %.1f s, mask grouping %.1f s)%n",
                r.rows(), r.loadSeconds(), r.indexSeconds(), r.regroupSeconds());
        String fmt = "%-46s %9s %9s %9s  %s%n";
        out.printf(fmt, "query", "p50 ms", "p95 ms", "max ms", "p95 <= " + (int) TARGET_P95_MS + " ms");
        boolean all = true;
        for (ExploreBench.Timing t : r.timings()) {
            boolean ok = t.p95() <= TARGET_P95_MS;
            all &= ok;
            out.printf(fmt, t.query(), String.format("%.1f", t.p50()), String.format("%.1f", t.p95()),
                    String.format("%.1f", t.max()), ok ? "yes" : "NO");
        }
        out.println(all ? "Every query met the target." : "Some queries missed the target (see docs/explore.md).");
        return 0;
    }
}
