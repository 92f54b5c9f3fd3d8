package dev.drainboard.embedded;

import dev.drainboard.config.OwnerOnlyFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;

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
            OwnerOnlyFiles.createNew(file, content.getBytes(StandardCharsets.UTF_8));
        }
        return load(file);
    }

    static PgPasswords load(Path file) throws IOException {
        OwnerOnlyFiles.checkOwnerOnly(file, "embedded PostgreSQL's password file");
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

}
