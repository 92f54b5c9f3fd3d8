package dev.drainboard.sink;

import dev.drainboard.config.ConfigLoader;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Read-only queries on a pooled connection for the stores that only read ({@link Warehouse},
 * {@link ExploreQueries}): one connection per query, and a failure wrapped with what was being done
 * and where (the URL without its password).
 */
final class PooledQueries {
    /** A query over one connection. */
    interface Query<T> {
        T run(Connection c) throws SQLException;
    }

    private PooledQueries() {
    }

    static <T> T run(DataSource ds, String what, Query<T> q) {
        try (Connection c = ds.getConnection()) {
            return q.run(c);
        } catch (SQLException e) {
            throw SqlErrors.wrap(what, describe(ds), e);
        }
    }

    static String describe(DataSource ds) {
        try (Connection c = ds.getConnection()) {
            return ConfigLoader.redactUrl(c.getMetaData().getURL());
        } catch (SQLException e) {
            return "the database";
        }
    }
}
