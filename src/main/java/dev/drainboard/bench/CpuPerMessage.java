package dev.drainboard.bench;

/**
 * Microseconds of CPU per message spent by the drainer's JVM, the queue server and the database
 * server (each with its child processes) during one phase of a benchmark; {@link #NOT_MEASURED}
 * (-1) where a party was not measured (a server the benchmark did not start). The field names are
 * JSON keys.
 */
public record CpuPerMessage(double drainer, double sqs_server, double postgres) {
    public static final double NOT_MEASURED = -1;

    /** True when all three parties were measured, so {@link #total()} is the whole cost. */
    public boolean complete() {
        return drainer >= 0 && sqs_server >= 0 && postgres >= 0;
    }

    /** The sum of the measured parties, each rounded to whole microseconds as they are printed. */
    public long total() {
        return Math.round(Math.max(0, drainer)) + Math.round(Math.max(0, sqs_server))
                + Math.round(Math.max(0, postgres));
    }
}
