package dev.drainboard.embedded;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A PostgreSQL server run from the binaries that the zonky artifact ships, on 127.0.0.1.
 *
 * <p>{@link #openDataFolder} is the server of a user's data folder: durable ({@code fsync} and
 * {@code synchronous_commit} on, where zonky turns both off), password-protected (SCRAM, no trust,
 * no Unix socket), with a login {@value PgPasswords#APP_USER} that is not a superuser, and the
 * passwords kept owner-only beside it. {@link #startThrowaway} is for tests and the benchmark:
 * a server on a folder that holds no one's data, trusting local connections as zonky does.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(EmbeddedPostgresServer.class);
    /** The superuser of a throwaway server (any password is accepted there). */
    public static final String USER = "postgres";
    private static final String HBA = "# Written by Drainboard: password logins on 127.0.0.1 only.\n"
            + "host all all 127.0.0.1/32 scram-sha-256\n";

    private final EmbeddedPostgres pg;
    private final String user;
    private final String password;
    private final Optional<PgPasswords> passwords;
    private final Path dataDir;

    private EmbeddedPostgresServer(EmbeddedPostgres pg, Path dataDir, String user, String password,
                                   Optional<PgPasswords> pw) {
        this.pg = pg;
        this.dataDir = dataDir;
        this.user = user;
        this.password = password;
        this.passwords = pw;
    }

    /**
     * Starts the server of a data folder whose lock the caller holds: a server left running by a
     * Drainboard that was killed is stopped first (it recovers from its write-ahead log on this
     * start). A folder made by an earlier version (trust authentication, no password file) is
     * secured on this start.
     *
     * @param pgDir        the PostgreSQL data directory
     * @param passwordFile where the passwords are kept (created on first start)
     */
    public static EmbeddedPostgresServer openDataFolder(Path pgDir, Path passwordFile) throws IOException {
        stopOrphan(pgDir);
        boolean initialised = Files.exists(pgDir.resolve("postgresql.conf"));
        boolean legacy = initialised && !PgPasswords.exists(passwordFile);
        PgPasswords pw = PgPasswords.loadOrCreate(passwordFile);
        EmbeddedPostgres.Builder b = durable(EmbeddedPostgres.builder())
                .setPort(EmbeddedSqs.freePort())
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setServerConfig("unix_socket_directories", "")
                .setServerConfig("password_encryption", "scram-sha-256")
                .setServerConfig("max_connections", "100")
                .setConnectConfig("password", pw.superuser())
                .setRegisterShutdownHook(false)
                .setDataDirectory(pgDir)
                .setCleanDataDirectory(false);
        Path pwfile = null;
        if (!initialised) {
            pwfile = pgDir.resolveSibling(pgDir.getFileName() + ".initpw");
            Files.deleteIfExists(pwfile);
            dev.drainboard.config.OwnerOnlyFiles.createNew(pwfile, (pw.superuser() + "\n").getBytes(StandardCharsets.UTF_8));
            b.setLocaleConfig("auth", "scram-sha-256").setLocaleConfig("pwfile", pwfile.toString());
        }
        if (!legacy) {
            b.setDataDirectoryCustomizer(dir -> writeHba(dir.toPath()));
        }
        EmbeddedPostgres started;
        try {
            started = b.start();
        } finally {
            if (pwfile != null) {
                Files.deleteIfExists(pwfile);
            }
        }
        // zonky's own lock file is made with the process umask; everything in the folder is owner-only
        Path zonkyLock = pgDir.resolve("epg-lock");
        if (Files.exists(zonkyLock) && Files.getFileAttributeView(zonkyLock,
                java.nio.file.attribute.PosixFileAttributeView.class) != null) {
            Files.setPosixFilePermissions(zonkyLock, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        }
        EmbeddedPostgresServer server = new EmbeddedPostgresServer(started, pgDir, PgPasswords.APP_USER, pw.app(),
                Optional.of(pw));
        try {
            server.secure(legacy);
        } catch (SQLException | IOException | RuntimeException e) {
            server.close();
            throw new IOException("setting up the embedded PostgreSQL in " + pgDir + " failed: " + e.getMessage(), e);
        }
        return server;
    }

    /**
     * A server for tests and the benchmark on {@code dataDir} (a fresh temporary folder when null),
     * trusting every local connection. Never point it at a user's data folder.
     *
     * @param durable fsync and synchronous commit on (the benchmark measures what users get)
     */
    public static EmbeddedPostgresServer startThrowaway(Path dataDir, int port, boolean durable) throws IOException {
        EmbeddedPostgres.Builder b = EmbeddedPostgres.builder()
                .setPort(port == 0 ? EmbeddedSqs.freePort() : port)
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setServerConfig("max_connections", "100");
        if (durable) {
            durable(b);
        }
        if (dataDir != null) {
            Files.createDirectories(dataDir.getParent());
            stopOrphan(dataDir);
            b.setDataDirectory(dataDir).setCleanDataDirectory(false);
        }
        return new EmbeddedPostgresServer(b.start(), dataDir, USER, "postgres", Optional.empty());
    }

    /** A throwaway server as zonky starts it (fsync off): what most tests need. */
    public static EmbeddedPostgresServer startThrowaway(Path dataDir, int port) throws IOException {
        return startThrowaway(dataDir, port, false);
    }

    /** zonky passes {@code -F} (fsync off) and {@code synchronous_commit=off}; these come after and win. */
    private static EmbeddedPostgres.Builder durable(EmbeddedPostgres.Builder b) {
        return b.setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("full_page_writes", "on");
    }

    private static void writeHba(Path dir) {
        try {
            Path hba = dir.resolve("pg_hba.conf");
            Files.writeString(hba, HBA, StandardCharsets.UTF_8);
            Files.deleteIfExists(dir.resolve("pg_ident.conf.unused"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Gives the superuser its password, creates the application login (no superuser, owner of the
     * database and of the queue store's database), hands it the tables an earlier version made as
     * the superuser, and, for a folder of an earlier version, replaces trust by passwords.
     */
    private void secure(boolean legacy) throws SQLException, IOException {
        PgPasswords pw = passwords.orElseThrow();
        try (Connection c = DriverManager.getConnection(jdbcUrl("postgres"), PgPasswords.SUPERUSER, pw.superuser());
             Statement s = c.createStatement()) {
            // passwords go through the driver's client-side SCRAM hashing, so no statement (or a log
            // line of a failed one) ever holds them in plain text
            org.postgresql.PGConnection pgc = c.unwrap(org.postgresql.PGConnection.class);
            if (legacy) {
                pgc.alterUserPassword(PgPasswords.SUPERUSER, pw.superuser().toCharArray(), "scram-sha-256");
            }
            boolean exists;
            try (ResultSet r = s.executeQuery("SELECT 1 FROM pg_roles WHERE rolname = '" + PgPasswords.APP_USER + "'")) {
                exists = r.next();
            }
            s.execute((exists ? "ALTER" : "CREATE") + " ROLE " + PgPasswords.APP_USER
                    + " LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION");
            pgc.alterUserPassword(PgPasswords.APP_USER, pw.app().toCharArray(), "scram-sha-256");
            s.execute("ALTER DATABASE postgres OWNER TO " + PgPasswords.APP_USER);
            for (String table : superuserTables(c)) {
                s.execute("ALTER TABLE public." + table + " OWNER TO " + PgPasswords.APP_USER);
            }
            boolean store;
            try (ResultSet r = s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + QueueStore.DATABASE
                    + "'")) {
                store = r.next();
            }
            if (!store) {
                s.execute("CREATE DATABASE " + QueueStore.DATABASE + " OWNER " + PgPasswords.APP_USER);
            }
            if (legacy) {
                writeHba(dataDir);
                s.execute("SELECT pg_reload_conf()");
                log.info("Secured the embedded PostgreSQL of an earlier version: password logins only, passwords in {}",
                        pw.file());
            }
        }
    }

    private static List<String> superuserTables(Connection c) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement p = c.prepareStatement("SELECT quote_ident(c.relname) FROM pg_class c "
                + "JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_roles r ON r.oid = c.relowner "
                + "WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND r.rolname = ?")) {
            p.setString(1, PgPasswords.SUPERUSER);
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    out.add(r.getString(1));
                }
            }
        }
        return out;
    }

    /**
     * A Drainboard that was killed (SIGKILL, power loss of the JVM only) leaves its PostgreSQL running
     * on the data folder, and a new start would wait for it and fail. The caller holds the data
     * folder's lock, so no live Drainboard owns that server: stop it (it recovers from its WAL on
     * the next start).
     */
    static void stopOrphan(Path dataDir) throws IOException {
        Path pidFile = dataDir.resolve("postmaster.pid");
        if (!Files.isRegularFile(pidFile)) {
            return;
        }
        long pid;
        try {
            pid = Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
        } catch (RuntimeException unreadable) {
            return;
        }
        Optional<ProcessHandle> server = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
        if (server.isEmpty() || !server.get().info().command().orElse("").contains("postgres")) {
            return;
        }
        // after a reboot the pid may be reused by another PostgreSQL: only a server of this folder is ours
        String folder = dataDir.toAbsolutePath().normalize().toString();
        boolean ours = server.get().info().arguments().map(a -> java.util.Arrays.asList(a).contains(folder))
                .orElse(false);
        if (!ours) {
            log.warn("{} names process {}, which is a PostgreSQL of another data folder (or cannot be checked); "
                    + "leaving it alone", pidFile, pid);
            return;
        }
        log.warn("Stopping PostgreSQL process {} left running on {} by a Drainboard that did not exit cleanly",
                pid, dataDir);
        server.get().destroy();
        try {
            server.get().onExit().get(20, TimeUnit.SECONDS);
        } catch (TimeoutException slow) {
            server.get().destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            throw new IOException(e);
        }
    }

    /** The JDBC URL of {@code database} on this server. */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + pg.getPort() + "/" + database;
    }

    /** The database Drainboard writes to ({@code postgres}). */
    public String jdbcUrl() {
        return jdbcUrl("postgres");
    }

    /** The login for {@link #jdbcUrl()}: {@code drainboard} on a data folder, the superuser on a throwaway. */
    public String user() {
        return user;
    }

    /** Its password. Never log it. */
    public String password() {
        return password;
    }

    /** The password file to give psql ({@code PGPASSFILE}), on a data folder's server. */
    public Optional<Path> passwordFile() {
        return passwords.map(PgPasswords::file);
    }

    public int port() {
        return pg.getPort();
    }

    /** The postmaster's process id (for tests that kill it); a server on a given data directory only. */
    public long pid() {
        try {
            return Long.parseLong(Files.readAllLines(dataDir.resolve("postmaster.pid")).get(0).trim());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            pg.close();
        } catch (IOException e) {
            throw new IllegalStateException("stopping the embedded PostgreSQL failed", e);
        }
    }
}
