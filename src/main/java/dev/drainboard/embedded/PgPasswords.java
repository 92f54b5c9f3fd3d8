package dev.drainboard.embedded;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.channels.FileChannel;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The two passwords of the embedded PostgreSQL, kept in the data folder in PostgreSQL's own
 * password-file format ({@code host:port:database:user:password}, mode 0600), so that
 * {@code PGPASSFILE=<file> psql -h 127.0.0.1 -p <port> -U drainboard postgres} connects without the
 * password ever being printed. {@code drainboard} is the login Drainboard uses (no superuser);
 * {@code postgres} is the superuser, used only to set the server up at start.
 */
record PgPasswords(Path file, String superuser, String app) {
    static final String SUPERUSER = "postgres";
    static final String APP_USER = "drainboard";

    /** True when the file exists (a data folder secured by this version). */
    static boolean exists(Path file) {
        return Files.isRegularFile(file);
    }

    /** Reads the file, or creates it with two new random passwords. */
    static PgPasswords loadOrCreate(Path file) throws IOException {
        if (!exists(file)) {
            String content = line(SUPERUSER, random()) + line(APP_USER, random());
            createOwnerOnly(file, content);
        }
        return load(file);
    }

    static PgPasswords load(Path file) throws IOException {
        if (Files.getFileAttributeView(file, PosixFileAttributeView.class) != null) {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
            if (!EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE).containsAll(perms)) {
                throw new IOException("The embedded PostgreSQL's password file " + file + " can be read by other "
                        + "users (mode " + PosixFilePermissions.toString(perms) + "). Run `chmod 600 " + file
                        + "` and start again.");
            }
        }
        String su = null;
        String app = null;
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (String l : lines) {
            String[] f = l.split(":", 5);
            if (f.length == 5 && f[3].equals(SUPERUSER)) {
                su = f[4];
            } else if (f.length == 5 && f[3].equals(APP_USER)) {
                app = f[4];
            }
        }
        if (su == null || app == null || su.isEmpty() || app.isEmpty()) {
            throw new IOException("The embedded PostgreSQL's password file " + file + " lacks the line for "
                    + (su == null || su.isEmpty() ? SUPERUSER : APP_USER) + ". Restore it from a backup of the "
                    + "data folder; without it the database cannot be opened.");
        }
        return new PgPasswords(file, su, app);
    }

    private static String line(String user, String password) {
        return "127.0.0.1:*:*:" + user + ":" + password + "\n";
    }

    /** 24 random bytes, base64url: no ':' or '\' that the password-file format would need escaped. */
    private static String random() {
        byte[] b = new byte[24];
        new SecureRandom().nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    /** Writes a new owner-only file and makes it and its folder entry durable before returning. */
    static void createOwnerOnly(Path file, String content) throws IOException {
        boolean posix = Files.getFileAttributeView(file.getParent(), PosixFileAttributeView.class) != null;
        Set<StandardOpenOption> opts = Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        try (FileChannel ch = posix
                ? FileChannel.open(file, opts, PosixFilePermissions.asFileAttribute(
                        PosixFilePermissions.fromString("rw-------")))
                : FileChannel.open(file, opts)) {
            ch.write(java.nio.ByteBuffer.wrap(content.getBytes(StandardCharsets.UTF_8)));
            ch.force(true);
        } catch (FileAlreadyExistsException raced) {
            return;
        }
        try (FileChannel dir = FileChannel.open(file.getParent(), StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException notSupported) {
            // some file systems cannot sync a folder; the file itself is on disk
        }
    }
}
