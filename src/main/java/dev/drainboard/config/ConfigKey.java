package dev.drainboard.config;

/**
 * Every setting Drainboard reads, with its three spellings: a command-line flag, an environment
 * variable, and a key in the properties file (the flag without its dashes).
 */
public enum ConfigKey {
    SQS_ENDPOINT("sqs-endpoint", "DRAINBOARD_SQS_ENDPOINT", null, false,
            "SQS endpoint URL, 'aws' for real AWS, or 'embedded' (the default) for the in-process ElasticMQ"),
    REGION("region", "DRAINBOARD_REGION", "us-east-1", false, "AWS region"),
    QUEUE("queue", "DRAINBOARD_QUEUE", "login-queue", false, "queue name or URL; its dead-letter queue is <name>-dlq"),
    JDBC_URL("jdbc-url", "DRAINBOARD_JDBC_URL", null, false, "PostgreSQL JDBC URL, or 'embedded' (the default) for the embedded PostgreSQL"),
    DB_USER("db-user", "DRAINBOARD_DB_USER", "postgres", false, "PostgreSQL user"),
    DB_PASSWORD("db-password", "DRAINBOARD_DB_PASSWORD", "postgres", true, "PostgreSQL password"),
    MASK_KEY("mask-key", "DRAINBOARD_MASK_KEY", null, true,
            "32-byte masking key, base64; unset = key file <data-dir>/mask.key, created on first run"),
    MASK_SCHEME("mask-scheme", "DRAINBOARD_MASK_SCHEME", "hmac", false,
            "hmac (default: one-way v1 masks) or siv (v2 masks the SIV keyset holder can reveal)"),
    MASK_POLICY("mask-policy", "DRAINBOARD_MASK_POLICY", "ip=mask,device_id=mask", false,
            "per flattened field mask, keep or drop (stored as NULL), e.g. ip=mask,device_id=mask,user_id=mask; "
                    + "fields not named keep their default (ip and device_id masked, the rest kept)"),
    ALLOW_RAW_PII("allow-raw-pii", "DRAINBOARD_ALLOW_RAW_PII", "false", false,
            "true lets a mask policy keep ip or device_id raw (stored unmasked in PostgreSQL); refused otherwise"),
    SIV_KEYSET("siv-keyset", "DRAINBOARD_SIV_KEYSET", null, true,
            "Tink JSON keyset for the siv scheme; unset = keyset file <data-dir>/siv-keyset.json"),
    DATA_DIR("data-dir", "DRAINBOARD_DATA_DIR", null, false,
            "folder for the key file and embedded data; default $XDG_DATA_HOME/drainboard or ~/.local/share/drainboard"),
    VISIBILITY_TIMEOUT("visibility-timeout", "DRAINBOARD_VISIBILITY_TIMEOUT", "30", false,
            "seconds a received batch stays invisible to other consumers (1-43200)"),
    WORKERS("workers", "DRAINBOARD_WORKERS", "4", false, "parallel drain workers (1-64)"),
    WAIT_SECONDS("wait-seconds", "DRAINBOARD_WAIT_SECONDS", "1", false,
            "long-poll wait per receive, seconds (0-20); a drain ends after one empty poll");

    private final String flag;
    private final String env;
    private final String defaultValue;
    private final boolean secret;
    private final String description;

    ConfigKey(String flag, String env, String defaultValue, boolean secret, String description) {
        this.flag = flag;
        this.env = env;
        this.defaultValue = defaultValue;
        this.secret = secret;
        this.description = description;
    }

    /** The flag name without leading dashes; also the key in the properties file. */
    public String flag() {
        return flag;
    }

    public String env() {
        return env;
    }

    public String defaultValue() {
        return defaultValue;
    }

    public boolean secret() {
        return secret;
    }

    public String description() {
        return description;
    }
}
