package dev.drainboard.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * The settings of one run, resolved once (flags &gt; environment &gt; properties file &gt; defaults)
 * and validated by {@link ConfigLoader}. Immutable; passed down by constructor.
 *
 * @param sqsEndpoint       explicit SQS endpoint; empty with {@code awsDefaultEndpoint=false} means embedded
 * @param awsDefaultEndpoint true to use the SDK's endpoint for the region (real AWS)
 * @param queue             the queue name (never a URL; see {@code queueUrl})
 * @param queueUrl          the queue URL when it was given as one
 * @param jdbcUrl           explicit JDBC URL; empty means embedded PostgreSQL
 * @param maskKeyBase64     the mask key when given directly; empty means the key file
 * @param maskScheme        which masking scheme new rows get
 * @param sivKeysetJson     the SIV keyset (Tink JSON) when given directly; empty means the keyset file
 * @param maskPolicy        per flattened field: mask, keep or drop (validated)
 */
public record AppConfig(Optional<URI> sqsEndpoint, boolean awsDefaultEndpoint, String region, String queue,
                        Optional<String> queueUrl, Optional<String> jdbcUrl, String dbUser, String dbPassword,
                        Optional<String> maskKeyBase64, Path dataDir, Duration visibilityTimeout, int workers,
                        int waitSeconds, MaskScheme maskScheme, Optional<String> sivKeysetJson,
                        MaskPolicy maskPolicy) {

    /** The settings before mask policies existed: ip and device_id masked, the rest kept. */
    public AppConfig(Optional<URI> sqsEndpoint, boolean awsDefaultEndpoint, String region, String queue,
                     Optional<String> queueUrl, Optional<String> jdbcUrl, String dbUser, String dbPassword,
                     Optional<String> maskKeyBase64, Path dataDir, Duration visibilityTimeout, int workers,
                     int waitSeconds, MaskScheme maskScheme, Optional<String> sivKeysetJson) {
        this(sqsEndpoint, awsDefaultEndpoint, region, queue, queueUrl, jdbcUrl, dbUser, dbPassword, maskKeyBase64,
                dataDir, visibilityTimeout, workers, waitSeconds, maskScheme, sivKeysetJson, MaskPolicy.DEFAULT);
    }

    /** True when SQS is the in-process ElasticMQ. */
    public boolean embeddedSqs() {
        return sqsEndpoint.isEmpty() && !awsDefaultEndpoint;
    }

    /** True when PostgreSQL is the embedded server. */
    public boolean embeddedDb() {
        return jdbcUrl.isEmpty();
    }

    /**
     * The dead-letter queue Drainboard names when the queue has no redrive policy: {@code <name>-dlq},
     * or {@code <base>-dlq.fifo} for a FIFO queue. (With a redrive policy its target is used instead;
     * the source knows which: {@code QueueSetup}.)
     */
    public String deadLetterQueue() {
        if (queue.endsWith(".fifo")) {
            return queue.substring(0, queue.length() - ".fifo".length()) + "-dlq.fifo";
        }
        return queue + "-dlq";
    }

    public AppConfig withSqsEndpoint(URI endpoint) {
        return new AppConfig(Optional.of(endpoint), false, region, queue, queueUrl, jdbcUrl, dbUser, dbPassword,
                maskKeyBase64, dataDir, visibilityTimeout, workers, waitSeconds, maskScheme, sivKeysetJson, maskPolicy);
    }

    public AppConfig withJdbcUrl(String url) {
        return new AppConfig(sqsEndpoint, awsDefaultEndpoint, region, queue, queueUrl, Optional.of(url), dbUser,
                dbPassword, maskKeyBase64, dataDir, visibilityTimeout, workers, waitSeconds, maskScheme, sivKeysetJson, maskPolicy);
    }

    public AppConfig withDbCredentials(String user, String password) {
        return new AppConfig(sqsEndpoint, awsDefaultEndpoint, region, queue, queueUrl, jdbcUrl, user, password,
                maskKeyBase64, dataDir, visibilityTimeout, workers, waitSeconds, maskScheme, sivKeysetJson, maskPolicy);
    }

    /** The SQS endpoint as a setting would give it: {@code embedded}, {@code aws} or the URL. */
    public String sqsEndpointSetting() {
        return embeddedSqs() ? ConfigLoader.EMBEDDED : awsDefaultEndpoint ? "aws"
                : sqsEndpoint.map(URI::toString).orElse("");
    }

    /** The settings as text for a log line, with secrets redacted. */
    public String describe() {
        Map<ConfigKey, String> v = new EnumMap<>(ConfigKey.class);
        v.put(ConfigKey.SQS_ENDPOINT, ConfigLoader.redactUrl(sqsEndpointSetting()));
        v.put(ConfigKey.REGION, region);
        v.put(ConfigKey.QUEUE, ConfigLoader.redactUrl(queueUrl.orElse(queue)));
        v.put(ConfigKey.JDBC_URL, ConfigLoader.redactUrl(jdbcUrl.orElse("embedded")));
        v.put(ConfigKey.DB_USER, dbUser);
        v.put(ConfigKey.DB_PASSWORD, "****");
        v.put(ConfigKey.MASK_KEY, maskKeyBase64.isPresent() ? "**** (from setting)" : "key file");
        v.put(ConfigKey.MASK_SCHEME, maskScheme.setting());
        v.put(ConfigKey.MASK_POLICY, maskPolicy.setting());
        v.put(ConfigKey.ALLOW_RAW_PII, Boolean.toString(maskPolicy.rawPiiAllowed()));
        v.put(ConfigKey.SIV_KEYSET, sivKeysetJson.isPresent() ? "**** (from setting)" : "keyset file");
        v.put(ConfigKey.DATA_DIR, dataDir.toString());
        v.put(ConfigKey.VISIBILITY_TIMEOUT, visibilityTimeout.toSeconds() + "s");
        v.put(ConfigKey.WORKERS, Integer.toString(workers));
        v.put(ConfigKey.WAIT_SECONDS, waitSeconds + "s");
        StringJoiner j = new StringJoiner(", ");
        v.forEach((k, s) -> j.add(k.flag() + "=" + s));
        return j.toString();
    }

    @Override
    public String toString() {
        return "AppConfig[" + describe() + "]";
    }
}
