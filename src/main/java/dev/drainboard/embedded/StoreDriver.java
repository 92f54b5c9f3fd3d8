package dev.drainboard.embedded;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;

/**
 * The JDBC driver ElasticMQ's message store is given ({@code jdbc:drainboard-store:postgresql://…},
 * passed on to the PostgreSQL driver): fail-stop at the first database error. ElasticMQ's store
 * actor, after an error, restarts with its table list empty and from then on answers "stored" for
 * writes it never makes; so the first {@link SQLException} of any store call poisons this driver
 * (every later call fails, no acknowledgement can follow) and tells the owner, which stops the
 * embedded queue. Armed anew by each start of a stored ElasticMQ (one per JVM at a time).
 *
 * <p>Speed: ElasticMQ stores a received message's new state (visibility, receipt, receive count)
 * with one {@code update message_… where message_id = ?} per message, serialised with every other
 * store write, each waiting for its own fsync. That state need not survive a crash of PostgreSQL
 * itself: lost, the message is visible again after the restart, as if its visibility timeout had
 * run out, and Drainboard's ledger keeps the redelivery from doubling a row (the receive count may
 * then be one lower). So those updates are committed asynchronously ({@link #relaxed}): still
 * written to the write-ahead log in order, flushed by the next synchronous commit and by PostgreSQL
 * within a fraction of a second, and never lost to a crash of the JVM. Sends and deletes stay
 * synchronous: an acknowledged send or delete is on disk.
 */
public final class StoreDriver implements Driver {
    static final String PREFIX = "jdbc:drainboard-store:";
    private static final AtomicBoolean FAILED = new AtomicBoolean();
    private static volatile Runnable onFailure = () -> { };

    static {
        try {
            DriverManager.registerDriver(new StoreDriver());
        } catch (SQLException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Registers the driver (loading the class does) and clears an earlier failure. */
    static void arm(Runnable whenTheStoreFails) {
        onFailure = whenTheStoreFails;
        FAILED.set(false);
    }

    /** Stops telling anyone: the owner is stopping the queue itself. */
    static void disarm() {
        onFailure = () -> { };
    }

    /** The store URL for a PostgreSQL JDBC URL. */
    static String url(String jdbcUrl) {
        return PREFIX + jdbcUrl.substring("jdbc:".length());
    }

    static boolean failed() {
        return FAILED.get();
    }

    private static SQLException fail(SQLException e) {
        if (FAILED.compareAndSet(false, true)) {
            onFailure.run();
        }
        return e;
    }

    private static void refuseIfFailed() throws SQLException {
        if (FAILED.get()) {
            throw new SQLException("the embedded queue's store failed earlier; the queue is stopped", "08006");
        }
    }

    @Override
    public Connection connect(String url, Properties info) throws SQLException {
        if (!acceptsURL(url)) {
            return null;
        }
        refuseIfFailed();
        try {
            return wrap(Connection.class, DriverManager.getConnection("jdbc:" + url.substring(PREFIX.length()), info));
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    /** ElasticMQ's per-message state update (MessageRepository.update), and nothing else. */
    private static final java.util.regex.Pattern MESSAGE_UPDATE = java.util.regex.Pattern.compile(
            "(?is)^\\s*update\\s+message_\\w+\\s+set\\s.*\\swhere\\s+message_id\\s*=\\s*\\?\\s*$");

    /**
     * The statement ElasticMQ prepares, with its per-message state update committed asynchronously:
     * the added condition is always true and is evaluated once (an uncorrelated sub-select), and
     * {@code set_config(…, true)} lasts until the end of the statement's own transaction (autocommit),
     * whose commit it makes asynchronous. Any other statement is returned unchanged.
     */
    static String relaxed(String sql) {
        if (!MESSAGE_UPDATE.matcher(sql).matches()) {
            return sql;
        }
        return sql.stripTrailing() + " and (select set_config('synchronous_commit', 'off', true)) is not null";
    }

    /** Wraps a JDBC object so that an {@link SQLException} from any of its calls (or of what it returns) fails the store. */
    private static <T> T wrap(Class<T> type, T target) {
        InvocationHandler h = (proxy, method, args) -> {
            String name = method.getName();
            if (name.equals("prepareStatement") && args != null && args.length > 0 && args[0] instanceof String sql) {
                args[0] = relaxed(sql);
            }
            boolean closing = name.equals("close") || name.equals("isClosed");
            if (!closing) {
                refuseIfFailed();
            }
            Object result;
            try {
                result = method.invoke(target, args);
            } catch (InvocationTargetException e) {
                if (e.getCause() instanceof SQLException s && !closing) {
                    throw fail(s);
                }
                throw e.getCause();
            }
            Class<?> r = method.getReturnType();
            if (result != null && (r == Statement.class || r == java.sql.PreparedStatement.class
                    || r == java.sql.CallableStatement.class || r == ResultSet.class || r == DatabaseMetaData.class)) {
                return wrapAs(r, result);
            }
            return result;
        };
        return type.cast(Proxy.newProxyInstance(StoreDriver.class.getClassLoader(), new Class<?>[] {type}, h));
    }

    @SuppressWarnings("unchecked")
    private static <T> Object wrapAs(Class<T> type, Object target) {
        return wrap(type, (T) target);
    }

    @Override
    public boolean acceptsURL(String url) {
        return url != null && url.startsWith(PREFIX);
    }

    @Override
    public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) {
        return new DriverPropertyInfo[0];
    }

    @Override
    public int getMajorVersion() {
        return 1;
    }

    @Override
    public int getMinorVersion() {
        return 0;
    }

    @Override
    public boolean jdbcCompliant() {
        return false;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException();
    }
}
