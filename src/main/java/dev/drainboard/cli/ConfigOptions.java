package dev.drainboard.cli;

import dev.drainboard.config.AppConfig;
import dev.drainboard.config.ConfigKey;
import dev.drainboard.config.ConfigLoader;
import java.util.EnumMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** The connection and tuning flags every command shares; each mirrors a DRAINBOARD_* variable. */
public final class ConfigOptions {
    private final Map<ConfigKey, String> values = new EnumMap<>(ConfigKey.class);

    @Option(names = "--sqs-endpoint", paramLabel = "URL|aws",
            description = "SQS endpoint, 'aws' for real AWS, or 'embedded' (env DRAINBOARD_SQS_ENDPOINT; default: embedded)")
    void sqsEndpoint(String v) {
        values.put(ConfigKey.SQS_ENDPOINT, v);
    }

    @Option(names = "--region", description = "AWS region (env DRAINBOARD_REGION; default us-east-1)")
    void region(String v) {
        values.put(ConfigKey.REGION, v);
    }

    @Option(names = "--queue", paramLabel = "NAME|URL",
            description = "queue name or URL (env DRAINBOARD_QUEUE; default login-queue)")
    void queue(String v) {
        values.put(ConfigKey.QUEUE, v);
    }

    @Option(names = "--jdbc-url", paramLabel = "URL",
            description = "PostgreSQL JDBC URL, or 'embedded' (env DRAINBOARD_JDBC_URL; default: embedded)")
    void jdbcUrl(String v) {
        values.put(ConfigKey.JDBC_URL, v);
    }

    @Option(names = "--db-user", description = "PostgreSQL user (env DRAINBOARD_DB_USER; default postgres)")
    void dbUser(String v) {
        values.put(ConfigKey.DB_USER, v);
    }

    @Option(names = "--db-password", description = "PostgreSQL password (env DRAINBOARD_DB_PASSWORD)",
            interactive = true, arity = "0..1")
    void dbPassword(String v) {
        values.put(ConfigKey.DB_PASSWORD, v);
    }

    @Option(names = "--mask-scheme", paramLabel = "hmac|siv",
            description = "hmac: one-way v1 masks (default); siv: v2 masks the SIV keyset holder can reveal "
                    + "(env DRAINBOARD_MASK_SCHEME)")
    void maskScheme(String v) {
        values.put(ConfigKey.MASK_SCHEME, v);
    }

    @Option(names = "--mask-policy", paramLabel = "FIELD=mask|keep|drop,...",
            description = "what each login field becomes: mask, keep, or drop (NULL), e.g. user_id=mask; fields not "
                    + "named keep their default: ip and device_id masked, the rest kept (env DRAINBOARD_MASK_POLICY)")
    void maskPolicy(String v) {
        values.put(ConfigKey.MASK_POLICY, v);
    }

    @Option(names = "--allow-raw-pii",
            description = "let --mask-policy keep ip or device_id raw, i.e. store them unmasked in PostgreSQL "
                    + "(env DRAINBOARD_ALLOW_RAW_PII=true); refused without it")
    void allowRawPii(boolean v) {
        values.put(ConfigKey.ALLOW_RAW_PII, Boolean.toString(v));
    }

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "key file and embedded data (env DRAINBOARD_DATA_DIR; default ~/.local/share/drainboard)")
    void dataDir(String v) {
        values.put(ConfigKey.DATA_DIR, v);
    }

    @Option(names = "--visibility-timeout", paramLabel = "SECONDS",
            description = "how long a received batch stays invisible (env DRAINBOARD_VISIBILITY_TIMEOUT; default 30)")
    void visibility(String v) {
        values.put(ConfigKey.VISIBILITY_TIMEOUT, v);
    }

    @Option(names = "--workers", paramLabel = "K", description = "parallel drain workers (env DRAINBOARD_WORKERS; default 4)")
    void workers(String v) {
        values.put(ConfigKey.WORKERS, v);
    }

    @Option(names = "--wait-seconds", paramLabel = "SECONDS",
            description = "long-poll wait per receive (env DRAINBOARD_WAIT_SECONDS; default 1)")
    void wait(String v) {
        values.put(ConfigKey.WAIT_SECONDS, v);
    }

    /** The flags given on the command line; the mask key and the SIV keyset are never flags (`ps` shows flags). */
    public Map<ConfigKey, String> flags() {
        return values;
    }

    public AppConfig load() {
        return ConfigLoader.load(values);
    }
}
