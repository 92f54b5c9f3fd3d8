package dev.drainboard.testing;

import dev.drainboard.embedded.EmbeddedPostgresServer;
import dev.drainboard.support.TestServers;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * One embedded PostgreSQL for the whole test run (starting one costs seconds), stopped when the
 * JVM exits. Its default database {@code postgres} belongs to SeedScriptTest (the compose path uses
 * that name); other tests ask for their own with {@link #newDatabase}.
 * Thread-safe.
 */
public final class SharedPostgres {
    private SharedPostgres() {
    }

    /** The server of {@link TestServers#postgres()}: one PostgreSQL for every test of the JVM. */
    public static EmbeddedPostgresServer server() {
        return TestServers.postgres();
    }

    /** Creates an empty database {@code name} (dropping an earlier one) and returns its JDBC URL. */
    public static String newDatabase(String name) throws SQLException {
        if (!name.matches("[a-z_]+")) {
            throw new IllegalArgumentException("database names here are [a-z_]+: " + name);
        }
        EmbeddedPostgresServer s = server();
        try (Connection c = DriverManager.getConnection(s.jdbcUrl(), EmbeddedPostgresServer.USER, "postgres");
             Statement st = c.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS " + name);
            st.execute("CREATE DATABASE " + name);
        }
        return "jdbc:postgresql://127.0.0.1:" + s.port() + "/" + name;
    }
}
