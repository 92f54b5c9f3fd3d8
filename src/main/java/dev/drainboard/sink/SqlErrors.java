package dev.drainboard.sink;

import java.net.ConnectException;
import java.sql.SQLException;

/** Classifies SQL failures and says them in one sentence a person can act on. */
final class SqlErrors {
    private SqlErrors() {
    }

    /** Connection problems, server shutdown, resource exhaustion, serialization failures: try again. */
    static boolean isRetryable(SQLException e) {
        String state = e.getSQLState();
        if (state == null) {
            return true;
        }
        return state.startsWith("08") || state.startsWith("53") || state.startsWith("57")
                || state.equals("40001") || state.equals("40P01") || state.startsWith("58");
    }

    /**
     * Data exceptions (class 22: a value too long, out of range, invalid) and integrity constraint
     * violations (class 23): the row is at fault, not the database. Only these may quarantine a row.
     */
    static boolean isDataError(SQLException e) {
        String state = e.getSQLState();
        return state != null && (state.startsWith("22") || state.startsWith("23"));
    }

    static SinkException wrap(String what, String where, SQLException e) {
        boolean retry = isRetryable(e);
        boolean data = !retry && isDataError(e);
        String why;
        if (hasCause(e, ConnectException.class) || "08001".equals(e.getSQLState())) {
            why = "PostgreSQL at " + where + " is not reachable. Start it, or check DRAINBOARD_JDBC_URL.";
        } else if ("28P01".equals(e.getSQLState()) || "28000".equals(e.getSQLState())) {
            why = "PostgreSQL refused the login. Check DRAINBOARD_DB_USER and DRAINBOARD_DB_PASSWORD.";
        } else if ("3D000".equals(e.getSQLState())) {
            why = "the database in DRAINBOARD_JDBC_URL does not exist. Create it or fix the URL.";
        } else {
            why = "PostgreSQL said: " + firstLine(e.getMessage()) + " (SQLSTATE " + e.getSQLState() + ")";
            if (!retry && !data) {
                why += ". This is a problem of the database (privileges, schema or the server), not of the "
                        + "messages: nothing was quarantined or deleted; fix the database and drain again";
            }
        }
        return new SinkException("Could not " + what + ": " + why, retry, data, e);
    }

    private static boolean hasCause(Throwable t, Class<? extends Throwable> type) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (type.isInstance(c)) {
                return true;
            }
        }
        return false;
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
