package dev.drainboard.bench;

import java.time.Duration;
import java.util.Optional;

/**
 * CPU time used so far by the three parties of a run: this JVM (the drainer), the queue server and
 * the database server, each with its child processes. A party the benchmark did not start itself
 * (an external endpoint) is not measured. Read through {@link ProcessHandle}, so the operating
 * system's own accounting; processes that started and ended between two readings (short-lived
 * PostgreSQL backends) are missed, which the pooled connections of a drain avoid.
 */
final class CpuMeter {
    private final ProcessHandle sqs;
    private final ProcessHandle postgres;

    /** Null for a party that is not ours to measure. */
    CpuMeter(ProcessHandle sqs, ProcessHandle postgres) {
        this.sqs = sqs;
        this.postgres = postgres;
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
                return -1;
            }
            return Math.round((now - then) / 1e3 / messages * 10) / 10.0;
        }
    }

    Reading read() {
        return new Reading(cpu(ProcessHandle.current()), sqs == null ? -1 : withChildren(sqs),
                postgres == null ? -1 : withChildren(postgres));
    }

    private static long withChildren(ProcessHandle root) {
        long sum = cpu(root);
        for (ProcessHandle child : (Iterable<ProcessHandle>) root.descendants()::iterator) {
            sum += Math.max(0, cpu(child));
        }
        return sum;
    }

    private static long cpu(ProcessHandle p) {
        Optional<Duration> d = p.info().totalCpuDuration();
        return d.map(Duration::toNanos).orElse(-1L);
    }
}
