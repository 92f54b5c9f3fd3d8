package dev.drainboard.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * CPU time used so far by the three parties of a run: this JVM (the drainer), the queue server and
 * the database server, each with its child processes. A party the benchmark did not start itself
 * (an external endpoint) is not measured. On Linux a server's time includes its children that have
 * already exited (the kernel adds them to the parent's {@code cutime}/{@code cstime}), so short-lived
 * PostgreSQL workers are counted too; elsewhere only live processes are, via {@link ProcessHandle}.
 */
final class CpuMeter {
    /** Clock ticks per second in {@code /proc/<pid>/stat}: Linux's USER_HZ, 100 on every architecture it exports. */
    private static final long TICKS_PER_SECOND = 100;

    private final ProcessHandle sqs;
    private final ProcessHandle postgres;
    private final java.util.function.LongSupplier notDrainer;

    /** Null for a party that is not ours to measure. */
    CpuMeter(ProcessHandle sqs, ProcessHandle postgres) {
        this(sqs, postgres, () -> 0);
    }

    /** {@code notDrainer}: CPU (ns) used in this JVM by threads that are not the drainer's (the delay proxies). */
    CpuMeter(ProcessHandle sqs, ProcessHandle postgres, java.util.function.LongSupplier notDrainer) {
        this.sqs = sqs;
        this.postgres = postgres;
        this.notDrainer = notDrainer;
    }

    /** Nanoseconds of CPU per party so far; -1 where not measured. */
    record Reading(long drainer, long sqs, long postgres) {
        /** The CPU spent per message between {@code earlier} and this reading. */
        CpuPerMessage since(Reading earlier, long messages) {
            return new CpuPerMessage(perMessage(drainer, earlier.drainer, messages),
                    perMessage(sqs, earlier.sqs, messages), perMessage(postgres, earlier.postgres, messages));
        }

        private static double perMessage(long now, long then, long messages) {
            if (now < 0 || then < 0 || messages <= 0) {
                return CpuPerMessage.NOT_MEASURED;
            }
            // a live child reaped between the readings can move a few ticks from one sum to the other
            return Math.round(Math.max(0, now - then) / 1e3 / messages * 10) / 10.0;
        }
    }

    Reading read() {
        long self = live(ProcessHandle.current());
        return new Reading(self < 0 ? self : self - notDrainer.getAsLong(), sqs == null ? -1 : withChildren(sqs),
                postgres == null ? -1 : withChildren(postgres));
    }

    private static long withChildren(ProcessHandle root) {
        long own = withReapedChildren(root);
        long sum = own >= 0 ? own : live(root);
        if (sum < 0) {
            return -1;
        }
        for (ProcessHandle child : (Iterable<ProcessHandle>) root.descendants()::iterator) {
            sum += Math.max(0, live(child));
        }
        return sum;
    }

    /** utime + stime + cutime + cstime of a process from {@code /proc}, in ns; -1 where there is no {@code /proc}. */
    static long withReapedChildren(ProcessHandle p) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(p.pid()), "stat"));
            // the command name in parentheses may contain spaces; the fields after it are plain
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]) + Long.parseLong(f[13]) + Long.parseLong(f[14]);
            return ticks * (1_000_000_000L / TICKS_PER_SECOND);
        } catch (IOException | RuntimeException notLinux) {
            return -1;
        }
    }

    private static long live(ProcessHandle p) {
        return p.info().totalCpuDuration().map(Duration::toNanos).orElse(-1L);
    }
}
