package dev.drainboard.ui.connection;

import dev.drainboard.app.ConnectionCheck;
import dev.drainboard.config.AppConfig;
import dev.drainboard.config.ConfigKey;
import dev.drainboard.config.ConfigLoader;
import dev.drainboard.ui.common.Problems;
import dev.drainboard.ui.common.Tasks;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The connection dialog's model: the five connection fields (blank endpoint or JDBC URL = embedded),
 * a background test of each server with its result in plain words, and "use these settings".
 * The password is only ever passed to the {@link Checker} and to the reopen; it is never logged
 * or put in a result. UI thread only.
 */
public final class ConnectionModel {
    private final Tasks tasks;
    private final Checker checker;
    private final Map<ConfigKey, String> base;
    private final StringProperty sqsEndpoint = new SimpleStringProperty("");
    private final StringProperty queue = new SimpleStringProperty("");
    private final StringProperty jdbcUrl = new SimpleStringProperty("");
    private final StringProperty dbUser = new SimpleStringProperty("");
    private final StringProperty dbPassword = new SimpleStringProperty("");
    private final ReadOnlyStringWrapper sqsResult = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper dbResult = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper testing = new ReadOnlyBooleanWrapper(false);
    private Consumer<Map<ConfigKey, String>> onUse = f -> { };
    private int pending;

    /** Checks one server for the given settings; returns the "ok" sentence or throws with a readable cause. */
    public interface Checker {
        String sqs(Map<ConfigKey, String> flags) throws Exception;

        String db(Map<ConfigKey, String> flags) throws Exception;

        /** The real check, through the facade's {@link ConnectionCheck}. */
        static Checker real() {
            ConnectionCheck c = new ConnectionCheck();
            return new Checker() {
                @Override
                public String sqs(Map<ConfigKey, String> flags) throws Exception {
                    return c.sqs(flags);
                }

                @Override
                public String db(Map<ConfigKey, String> flags) throws Exception {
                    return c.db(flags);
                }
            };
        }
    }

    /** {@code base} are the settings the console started with; the fields start from them. */
    public ConnectionModel(Tasks tasks, Map<ConfigKey, String> base, Checker checker) {
        this.tasks = tasks;
        this.checker = checker;
        this.base = Map.copyOf(base);
        sqsEndpoint.set(base.getOrDefault(ConfigKey.SQS_ENDPOINT, ""));
        queue.set(base.getOrDefault(ConfigKey.QUEUE, ""));
        jdbcUrl.set(base.getOrDefault(ConfigKey.JDBC_URL, ""));
        dbUser.set(base.getOrDefault(ConfigKey.DB_USER, ""));
        dbPassword.set(base.getOrDefault(ConfigKey.DB_PASSWORD, ""));
    }

    /**
     * {@code flags} with the five connection settings as they are in effect for {@code c} (from a
     * flag, the environment, the properties file or a default), so the dialog's fields start from
     * what the console is really using and a blank endpoint or URL only ever means embedded.
     */
    public static Map<ConfigKey, String> inEffect(Map<ConfigKey, String> flags, AppConfig c) {
        Map<ConfigKey, String> f = new EnumMap<>(ConfigKey.class);
        f.putAll(flags);
        // blank, not "embedded": a blank field is how the dialog says embedded
        f.put(ConfigKey.SQS_ENDPOINT, c.embeddedSqs() ? "" : c.sqsEndpointSetting());
        f.put(ConfigKey.QUEUE, c.queueUrl().orElse(c.queue()));
        f.put(ConfigKey.JDBC_URL, c.jdbcUrl().orElse(""));
        f.put(ConfigKey.DB_USER, c.dbUser());
        f.put(ConfigKey.DB_PASSWORD, c.dbPassword());
        return f;
    }

    /**
     * The start settings with the five fields put over them. A blank endpoint or JDBC URL means the
     * embedded server, even when the environment names another; any other blank field leaves its
     * setting to the environment, the properties file or the default.
     */
    public Map<ConfigKey, String> flags() {
        Map<ConfigKey, String> f = new EnumMap<>(ConfigKey.class);
        f.putAll(base);
        f.put(ConfigKey.SQS_ENDPOINT, orEmbedded(sqsEndpoint.get()));
        put(f, ConfigKey.QUEUE, queue.get());
        f.put(ConfigKey.JDBC_URL, orEmbedded(jdbcUrl.get()));
        put(f, ConfigKey.DB_USER, dbUser.get());
        put(f, ConfigKey.DB_PASSWORD, dbPassword.get());
        return f;
    }

    private static String orEmbedded(String v) {
        return v == null || v.isBlank() ? ConfigLoader.EMBEDDED : v.trim();
    }

    private static void put(Map<ConfigKey, String> f, ConfigKey k, String v) {
        if (v == null || v.isBlank()) {
            f.remove(k);
        } else {
            f.put(k, v.trim());
        }
    }

    /** Tests SQS and PostgreSQL for the entered settings in the background; each result arrives on its own. */
    public void test() {
        if (testing.get()) {
            return;
        }
        Map<ConfigKey, String> f = flags();
        pending = 2;
        testing.set(true);
        sqsResult.set("Testing SQS…");
        dbResult.set("Testing PostgreSQL…");
        tasks.run("test SQS", () -> checker.sqs(f), r -> done(sqsResult, r),
                e -> done(sqsResult, "SQS failed: " + Problems.cause(e)));
        tasks.run("test PostgreSQL", () -> checker.db(f), r -> done(dbResult, r),
                e -> done(dbResult, "PostgreSQL failed: " + Problems.cause(e)));
    }

    private void done(ReadOnlyStringWrapper result, String text) {
        result.set(text);
        if (--pending == 0) {
            testing.set(false);
        }
    }

    /** Reopens the console on the entered settings. */
    public void use() {
        onUse.accept(flags());
    }

    /** Sets what {@link #use()} does (the app closes the current workspace and starts a new one). */
    public void onUse(Consumer<Map<ConfigKey, String>> action) {
        this.onUse = action;
    }

    public StringProperty sqsEndpointProperty() {
        return sqsEndpoint;
    }

    public StringProperty queueProperty() {
        return queue;
    }

    public StringProperty jdbcUrlProperty() {
        return jdbcUrl;
    }

    public StringProperty dbUserProperty() {
        return dbUser;
    }

    public StringProperty dbPasswordProperty() {
        return dbPassword;
    }

    public ReadOnlyStringProperty sqsResultProperty() {
        return sqsResult.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty dbResultProperty() {
        return dbResult.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty testingProperty() {
        return testing.getReadOnlyProperty();
    }
}
