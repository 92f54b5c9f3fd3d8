package dev.drainboard.cli;

import dev.drainboard.config.ConfigException;
import picocli.CommandLine.Option;

/**
 * The flags of {@code drain} that make it a service: follow the queue, stop gracefully, expose
 * health and metrics, log JSON. Each also reads a DRAINBOARD_* variable, so a container sets them
 * in its environment.
 */
final class ServiceOptions {
    enum LogFormat { text, json }

    @Option(names = "--follow", defaultValue = "${env:DRAINBOARD_FOLLOW:-false}",
            description = "keep long-polling and draining as messages arrive; never exits on an empty queue or "
                    + "gives up on an outage. SIGTERM or Ctrl-C stops it (env DRAINBOARD_FOLLOW)")
    boolean follow;

    @Option(names = "--shutdown-timeout", paramLabel = "SECONDS",
            defaultValue = "${env:DRAINBOARD_SHUTDOWN_TIMEOUT:-30}",
            description = "after SIGTERM/Ctrl-C, how long the commit in flight and the release of held batches may "
                    + "take before the process exits with 1 anyway (env DRAINBOARD_SHUTDOWN_TIMEOUT; default 30)")
    int shutdownTimeoutSeconds;

    @Option(names = "--metrics-port", paramLabel = "PORT", defaultValue = "${env:DRAINBOARD_METRICS_PORT}",
            description = "serve /health/live, /health/ready and /metrics (Prometheus) on this port; 0 = any free "
                    + "port (env DRAINBOARD_METRICS_PORT; default: off)")
    Integer metricsPort;

    @Option(names = "--metrics-host", paramLabel = "ADDRESS",
            defaultValue = "${env:DRAINBOARD_METRICS_HOST:-127.0.0.1}",
            description = "address the metrics port binds to; 0.0.0.0 in a container (env DRAINBOARD_METRICS_HOST; "
                    + "default 127.0.0.1)")
    String metricsHost;

    @Option(names = "--health-interval", paramLabel = "SECONDS",
            defaultValue = "${env:DRAINBOARD_HEALTH_INTERVAL:-5}",
            description = "how often readiness (SQS, PostgreSQL, schema) and the depth gauges are checked "
                    + "(env DRAINBOARD_HEALTH_INTERVAL; default 5)")
    int healthIntervalSeconds;

    @Option(names = "--log-format", paramLabel = "text|json", defaultValue = "${env:DRAINBOARD_LOG_FORMAT:-text}",
            description = "text, or json: one JSON object per line on stderr, INFO and above (env "
                    + "DRAINBOARD_LOG_FORMAT; default text)")
    LogFormat logFormat;

    /** Checks the values before anything starts; a bad one is a settings error (exit code 2). */
    void validate() {
        if (shutdownTimeoutSeconds < 1) {
            throw new ConfigException("--shutdown-timeout (DRAINBOARD_SHUTDOWN_TIMEOUT) must be at least 1 second, "
                    + "not " + shutdownTimeoutSeconds);
        }
        if (metricsPort != null && (metricsPort < 0 || metricsPort > 65_535)) {
            throw new ConfigException("--metrics-port (DRAINBOARD_METRICS_PORT) must be 0-65535, not " + metricsPort);
        }
        if (healthIntervalSeconds < 1) {
            throw new ConfigException("--health-interval (DRAINBOARD_HEALTH_INTERVAL) must be at least 1 second, "
                    + "not " + healthIntervalSeconds);
        }
    }

    /** True when any of these flags asks for more than a plain one-shot drain. */
    boolean asService() {
        return follow || metricsPort != null || logFormat == LogFormat.json;
    }

    boolean json() {
        return logFormat == LogFormat.json;
    }
}
