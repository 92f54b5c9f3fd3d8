package dev.drainboard.sink;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Creates Drainboard's tables when they are missing and checks an existing {@code user_logins}.
 * The one migration it knows, {@link #MIGRATE_APP_VERSION}, runs only when asked.
 */
public final class Schema {
    /** Changes the exercise's {@code app_version integer} to text, keeping every stored value. */
    public static final String MIGRATE_APP_VERSION =
            "ALTER TABLE user_logins ALTER COLUMN app_version TYPE varchar(32) USING app_version::varchar(32)";

    static final List<String> USER_LOGINS_COLUMNS = List.of("user_id", "device_type", "masked_ip",
            "masked_device_id", "locale", "app_version", "create_date");

    private Schema() {
    }

    /** The DDL in {@code data/create_table.sql}, as shipped in the jar. */
    public static String ddl() {
        try (InputStream in = Schema.class.getResourceAsStream("/data/create_table.sql")) {
            if (in == null) {
                throw new IllegalStateException("data/create_table.sql is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read data/create_table.sql", e);
        }
    }

    /**
     * Creates missing tables, then checks {@code user_logins}. Throws {@link SchemaException} when
     * {@code app_version} is still an integer or a column is missing.
     */
    public static void ensure(DataSource ds) throws SQLException {
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(true);
            try (Statement s = c.createStatement()) {
                s.execute(ddl());
            }
            check(columnTypes(c));
        }
    }

    static void check(Map<String, String> types) {
        for (String col : USER_LOGINS_COLUMNS) {
            if (!types.containsKey(col)) {
                throw new SchemaException("The table user_logins has no column " + col + ". Drainboard expects "
                        + "the columns " + USER_LOGINS_COLUMNS + " (see data/create_table.sql).");
            }
        }
        if (isInteger(types.get("app_version"))) {
            throw new SchemaException("The table user_logins stores app_version as " + types.get("app_version")
                    + " (the exercise's original DDL has integer), which cannot hold versions such as 2.3.0. "
                    + "Run `drainboard schema --migrate-app-version` to change it to varchar(32); "
                    + "stored values are kept.", true);
        }
        // any other type would refuse valid logins one by one (COPY parses each value with the column's
        // type), and they would be quarantined as bad data; a table of the wrong shape must stop the start
        for (String col : USER_LOGINS_COLUMNS) {
            String type = types.get(col);
            boolean fits = col.equals("create_date") ? DATE_TYPES.contains(type) : TEXT_TYPES.contains(type);
            if (!fits) {
                throw new SchemaException("The table user_logins stores " + col + " as " + type + "; Drainboard "
                        + "writes " + (col.equals("create_date") ? "a date" : "text (masks, versions, ids as given)")
                        + " there, which that type would refuse. Change the column to "
                        + (col.equals("create_date") ? "date" : "varchar") + " (see data/create_table.sql), or "
                        + "point Drainboard at another database.");
            }
        }
    }

    /** The types {@code information_schema} names for columns a date goes into. */
    private static final java.util.Set<String> DATE_TYPES = java.util.Set.of("date", "timestamp without time zone",
            "timestamp with time zone");
    /** The types {@code information_schema} names for text columns. */
    private static final java.util.Set<String> TEXT_TYPES = java.util.Set.of("character varying", "text", "character");

    /** Runs {@link #MIGRATE_APP_VERSION} if needed; returns true when it changed the table. */
    public static boolean migrateAppVersion(DataSource ds) throws SQLException {
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(true);
            Map<String, String> types = columnTypes(c);
            if (!isInteger(types.get("app_version"))) {
                return false;
            }
            try (Statement s = c.createStatement()) {
                s.execute(MIGRATE_APP_VERSION);
            }
            return true;
        }
    }

    static Map<String, String> columnTypes(Connection c) throws SQLException {
        Map<String, String> types = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT column_name, data_type FROM information_schema.columns"
                + " WHERE table_name = 'user_logins' AND table_schema = current_schema()")) {
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    types.put(rs.getString(1), rs.getString(2));
                }
            }
        }
        return types;
    }

    private static boolean isInteger(String type) {
        return type != null && (type.equals("integer") || type.equals("bigint") || type.equals("smallint")
                || type.equals("numeric") || type.equals("real") || type.equals("double precision"));
    }
}
