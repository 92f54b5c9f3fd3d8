package dev.drainboard.config;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Builds the one {@link AppConfig} of a run. Precedence: flags, then environment, then the
 * properties file ({@code $XDG_CONFIG_HOME/drainboard/drainboard.properties}), then defaults.
 * Every problem is collected and reported at once, before any work starts.
 */
public final class ConfigLoader {
    /**
     * The value of {@code --sqs-endpoint} or {@code --jdbc-url} that asks for the embedded server
     * explicitly, so a flag can override an endpoint set in the environment or the properties file.
     */
    public static final String EMBEDDED = "embedded";

    /** True for the {@link #EMBEDDED} value of a server setting, in any case. */
    public static boolean isEmbedded(String setting) {
        return setting != null && setting.equalsIgnoreCase(EMBEDDED);
    }
    private final Map<ConfigKey, String> flags;
    private final Map<String, String> env;
    private final Properties file;

    public ConfigLoader(Map<ConfigKey, String> flags, Map<String, String> env, Properties file) {
        this.flags = Map.copyOf(flags);
        this.env = Map.copyOf(env);
        this.file = file;
    }

    /** A loader over the real environment and the user's properties file, if it exists. */
    public static ConfigLoader fromSystem(Map<ConfigKey, String> flags) {
        return new ConfigLoader(flags, System.getenv(), readProperties(defaultPropertiesFile(System.getenv())));
    }

    public static AppConfig load(Map<ConfigKey, String> flags) {
        return fromSystem(flags).load();
    }

    public static Path defaultPropertiesFile(Map<String, String> env) {
        String xdg = env.get("XDG_CONFIG_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".config");
        return base.resolve("drainboard").resolve("drainboard.properties");
    }

    /** Settings whose value is a secret: a properties file holding one must be owner-only. */
    static final List<ConfigKey> SECRET_KEYS = List.of(ConfigKey.MASK_KEY, ConfigKey.DB_PASSWORD, ConfigKey.SIV_KEYSET);

    /**
     * Reads the settings file. One that holds a secret ({@code mask-key}, {@code db-password},
     * {@code siv-keyset}) is refused, like the key file, when other users can read or write it.
     */
    static Properties readProperties(Path path) {
        Properties p = new Properties();
        if (Files.isRegularFile(path)) {
            try (Reader r = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
                p.load(r);
            } catch (IOException | IllegalArgumentException e) {
                throw new ConfigException("Cannot read the settings file " + path + ": " + e.getMessage()
                        + ". Fix or remove the file.", e);
            }
            for (ConfigKey k : SECRET_KEYS) {
                if (!isBlank(p.getProperty(k.flag()))) {
                    try {
                        OwnerOnlyFiles.checkOwnerOnly(path, "settings file (it holds " + k.flag() + ")");
                    } catch (IOException e) {
                        throw new ConfigException("Cannot check the permissions of the settings file " + path + ": "
                                + e.getMessage(), e);
                    }
                    break;
                }
            }
        }
        return p;
    }

    /** True when a flag, the environment or the settings file sets {@code key} (not only its default). */
    public boolean isSet(ConfigKey key) {
        return !isBlank(flags.get(key)) || !isBlank(env.get(key.env())) || !isBlank(file.getProperty(key.flag()));
    }

    /** The raw value of a key after precedence, or null. Blank values count as unset. */
    public String raw(ConfigKey key) {
        String v = flags.get(key);
        if (isBlank(v)) {
            v = env.get(key.env());
        }
        if (isBlank(v)) {
            v = file.getProperty(key.flag());
        }
        if (isBlank(v)) {
            v = key.defaultValue();
        }
        return isBlank(v) ? null : v.trim();
    }

    /**
     * A standard queue name (1-76 characters, so {@code <name>-dlq} fits SQS's 80) or a FIFO one
     * ({@code <base>.fifo} with a base of 1-71, so {@code <base>-dlq.fifo} fits).
     */
    static boolean validQueueName(String queue) {
        return queue.matches("[A-Za-z0-9_-]{1,76}") || queue.matches("[A-Za-z0-9_-]{1,71}\\.fifo");
    }

    public AppConfig load() {
        List<String> errors = new ArrayList<>();

        String queueSetting = raw(ConfigKey.QUEUE);
        Optional<String> queueUrl = Optional.empty();
        String queue = queueSetting;
        if (queueSetting.contains("://")) {
            queueUrl = Optional.of(queueSetting);
            queue = queueSetting.substring(queueSetting.lastIndexOf('/') + 1);
            if (queue.isEmpty()) {
                errors.add(problem(ConfigKey.QUEUE, queueSetting, "the URL has no queue name at its end"));
            }
        } else if (!validQueueName(queue)) {
            errors.add(problem(ConfigKey.QUEUE, queueSetting, queue.endsWith(".fifo")
                    ? "a FIFO queue name has 1-71 letters, digits, '-' or '_' before '.fifo' (its dead-letter "
                    + "queue is <name>-dlq.fifo)"
                    : "a queue name has 1-76 letters, digits, '-' or '_' (the dead-letter queue adds '-dlq'), "
                    + "or ends in '.fifo' for a FIFO queue"));
        }

        Optional<URI> endpoint = Optional.empty();
        boolean aws = false;
        String ep = raw(ConfigKey.SQS_ENDPOINT);
        if (isEmbedded(ep)) {
            // explicitly the in-process ElasticMQ, whatever a lower-precedence source says
            endpoint = Optional.empty();
        } else if (ep != null && ep.equalsIgnoreCase("aws")) {
            aws = true;
        } else if (ep != null) {
            endpoint = parseHttpUri(ep, ConfigKey.SQS_ENDPOINT, errors);
        } else if (queueUrl.isPresent()) {
            URI u = parseHttpUri(queueUrl.get(), ConfigKey.QUEUE, errors).orElse(null);
            if (u != null && u.getHost() != null && u.getHost().endsWith(".amazonaws.com")) {
                aws = true;
            } else if (u != null) {
                endpoint = Optional.of(URI.create(u.getScheme() + "://" + u.getAuthority()));
            }
        }

        if (endpoint.isEmpty() && !aws && queue.endsWith(".fifo")) {
            // ElasticMQ 1.7.1's SQL store restores FIFO messages as standard ones (isFifo=false,
            // orderIndex=0): after a restart a group would no longer be withheld while one of its
            // messages is in flight, and its messages would come out in visibility order
            errors.add(problem(ConfigKey.QUEUE, queueSetting, "the embedded queue cannot keep a FIFO queue's order "
                    + "across a restart (its message store restores FIFO messages as standard ones); drain a FIFO "
                    + "queue from your own SQS: set " + ConfigKey.SQS_ENDPOINT.env() + " to LocalStack or ElasticMQ, "
                    + "or to aws (see docs/fifo-and-redrive.md)"));
        }

        String region = raw(ConfigKey.REGION);
        if (!region.matches("[a-z0-9-]{2,32}")) {
            errors.add(problem(ConfigKey.REGION, region, "expected a region such as us-east-1"));
        }

        Optional<String> jdbc = Optional.ofNullable(raw(ConfigKey.JDBC_URL)).filter(u -> !isEmbedded(u));
        if (jdbc.isPresent() && !jdbc.get().startsWith("jdbc:postgresql:")) {
            errors.add(problem(ConfigKey.JDBC_URL, redactUrl(jdbc.get()),
                    "expected a URL starting with jdbc:postgresql://"));
        }

        Optional<String> key = Optional.ofNullable(raw(ConfigKey.MASK_KEY));
        if (key.isPresent()) {
            try {
                byte[] bytes = Base64.getDecoder().decode(key.get());
                if (bytes.length != 32) {
                    errors.add(ConfigKey.MASK_KEY.env() + " decodes to " + bytes.length
                            + " bytes; it must be 32 random bytes in base64 (e.g. `openssl rand -base64 32`)");
                } else if (MaskKey.isDegenerate(bytes)) {
                    errors.add(ConfigKey.MASK_KEY.env() + " is not random (all zero or a few repeated bytes); "
                            + "it must be 32 random bytes in base64 (e.g. `openssl rand -base64 32`)");
                }
            } catch (IllegalArgumentException e) {
                errors.add(ConfigKey.MASK_KEY.env()
                        + " is not valid base64; it must be 32 random bytes in base64 (e.g. `openssl rand -base64 32`)");
            }
        }

        MaskScheme scheme = MaskScheme.fromSetting(raw(ConfigKey.MASK_SCHEME));
        if (scheme == null) {
            errors.add(problem(ConfigKey.MASK_SCHEME, raw(ConfigKey.MASK_SCHEME),
                    "expected hmac (one-way masks, the default) or siv (masks the keyset holder can reveal)"));
        }

        String allowRaw = raw(ConfigKey.ALLOW_RAW_PII).strip().toLowerCase(java.util.Locale.ROOT);
        if (!allowRaw.equals("true") && !allowRaw.equals("false")) {
            errors.add(problem(ConfigKey.ALLOW_RAW_PII, allowRaw, "expected true or false"));
        }
        MaskPolicy policy = MaskPolicy.parse(raw(ConfigKey.MASK_POLICY), allowRaw.equals("true"), errors);

        Path dataDir = defaultDataDir();
        String dd = raw(ConfigKey.DATA_DIR);
        if (dd != null) {
            dataDir = Path.of(dd).toAbsolutePath().normalize();
        }

        int visibility = intSetting(ConfigKey.VISIBILITY_TIMEOUT, 1, 43_200, errors);
        int workers = intSetting(ConfigKey.WORKERS, 1, 64, errors);
        int wait = intSetting(ConfigKey.WAIT_SECONDS, 0, 20, errors);

        if (!errors.isEmpty()) {
            throw new ConfigException(errors.size() == 1 ? errors.get(0)
                    : "Invalid settings:\n  - " + String.join("\n  - ", errors));
        }
        return new AppConfig(endpoint, aws, region, queue, queueUrl, jdbc, raw(ConfigKey.DB_USER),
                raw(ConfigKey.DB_PASSWORD), key, dataDir, Duration.ofSeconds(visibility), workers, wait, scheme,
                Optional.ofNullable(raw(ConfigKey.SIV_KEYSET)), policy);
    }

    private Path defaultDataDir() {
        String xdg = env.get("XDG_DATA_HOME");
        Path base = !isBlank(xdg) ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".local", "share");
        return base.resolve("drainboard");
    }

    private int intSetting(ConfigKey key, int min, int max, List<String> errors) {
        String v = raw(key);
        try {
            int n = Integer.parseInt(v);
            if (n < min || n > max) {
                errors.add(problem(key, v, "must be between " + min + " and " + max));
            }
            return n;
        } catch (NumberFormatException e) {
            errors.add(problem(key, v, "must be a whole number between " + min + " and " + max));
            return min;
        }
    }

    private static Optional<URI> parseHttpUri(String value, ConfigKey key, List<String> errors) {
        try {
            URI u = new URI(value);
            if (!"http".equalsIgnoreCase(u.getScheme()) && !"https".equalsIgnoreCase(u.getScheme())
                    || u.getHost() == null) {
                errors.add(problem(key, value, "expected an http:// or https:// URL such as http://localhost:4566"));
                return Optional.empty();
            }
            return Optional.of(u);
        } catch (URISyntaxException e) {
            errors.add(problem(key, value, "not a URL (" + e.getReason() + ")"));
            return Optional.empty();
        }
    }

    private static String problem(ConfigKey key, String value, String why) {
        return key.env() + " / --" + key.flag() + " = '" + redactUrl(value) + "': " + why;
    }

    /** URL parameters whose value is a secret (PostgreSQL's password and sslpassword, tokens, AWS presigning). */
    private static final java.util.regex.Pattern SECRET_PARAM = java.util.regex.Pattern.compile(
            "(?i)(?<![A-Za-z0-9_.-])((?:password|sslpassword|passwd|pwd|secret|client_secret|token|access_token|"
                    + "api_?key|x-amz-security-token|x-amz-signature|x-amz-credential)=)[^&;#]*");
    /** A password in the user-info part: {@code scheme://user:password@host}. */
    private static final java.util.regex.Pattern USER_INFO = java.util.regex.Pattern.compile(
            "(//[^/?#@:]*):[^/?#@]*@");

    /**
     * The URL as it may be shown (logs, the console's header, errors): the value of every
     * secret-bearing parameter and a password in the user-info part become {@code ****}.
     */
    public static String redactUrl(String url) {
        if (url == null) {
            return null;
        }
        String r = SECRET_PARAM.matcher(url).replaceAll("$1****");
        return USER_INFO.matcher(r).replaceAll("$1:****@");
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
