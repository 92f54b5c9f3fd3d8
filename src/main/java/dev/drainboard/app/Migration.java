package dev.drainboard.app;

import com.zaxxer.hikari.HikariDataSource;
import dev.drainboard.config.AppConfig;
import dev.drainboard.sink.Schema;
import dev.drainboard.sink.SchemaException;
import java.sql.SQLException;

/**
 * The one schema migration Drainboard offers: {@code user_logins.app_version} from the original
 * integer column to {@code varchar(32)}, keeping its values. Both faces reach it here: the console
 * offers it when a start fails on that column, {@code drainboard schema --migrate-app-version} runs it.
 */
public final class Migration {
    /** The one statement the migration runs, for the confirmation. */
    public static final String APP_VERSION_SQL = Schema.MIGRATE_APP_VERSION;

    private Migration() {
    }

    /** True when {@code failure} (or a cause) is the integer {@code app_version} this migration fixes. */
    public static boolean isNeededFor(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SchemaException s && s.appVersionMigrationNeeded()) {
                return true;
            }
        }
        return false;
    }

    /** Runs the migration on the configured external database; false when there was nothing to change. */
    public static boolean migrateAppVersion(AppConfig config) throws SQLException {
        try (HikariDataSource ds = Workspace.pool(config, 1)) {
            return Schema.migrateAppVersion(ds);
        }
    }

    /**
     * Creates missing tables and checks {@code user_logins} on the configured external database.
     *
     * @throws SchemaException when the table exists with a shape Drainboard cannot use
     */
    /** How the configured external queue is set up (FIFO, its dead-letter queue and redrive policy). */
    public static dev.drainboard.model.QueueSetup queueSetup(AppConfig config) {
        return Workspace.probeSetup(config);
    }

    public static void ensureSchema(AppConfig config) throws SQLException {
        try (HikariDataSource ds = Workspace.pool(config, 1)) {
            Schema.ensure(ds);
        }
    }
}
