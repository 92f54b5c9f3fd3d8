package dev.drainboard.bench;

/**
 * Microseconds of CPU per message spent by the drainer's JVM, the queue server and the database
 * server (each with its child processes) during one phase of a benchmark; -1 where a party was not
 * measured (a server the benchmark did not start). The field names are JSON keys.
 */
public record CpuPerMessage(double drainer, double sqs_server, double postgres) {
    /** The sum of the measured parties. */
    public double total() {
        return Math.max(0, drainer) + Math.max(0, sqs_server) + Math.max(0, postgres);
    }
}
