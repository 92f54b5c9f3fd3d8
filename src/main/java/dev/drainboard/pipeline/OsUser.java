package dev.drainboard.pipeline;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The operating-system user this process runs as, for the reveal audit. Not {@code user.name}:
 * anyone can start the JVM with {@code -Duser.name=someone-else}. Asks the OS: the JDK's
 * {@code UnixSystem} (getuid + the passwd database), else the real uid of {@code /proc/self/status}
 * looked up in {@code /etc/passwd}, else Windows' {@code NTSystem}.
 */
public final class OsUser {
    private static volatile String cached;

    private OsUser() {
    }

    /** The real user's name (looked up once), or {@code uid N} when the uid has no name. */
    public static String current() {
        String c = cached;
        if (c == null) {
            c = lookup();
            cached = c;
        }
        return c;
    }

    /** Asks the OS again, without the cache. */
    static String lookup() {
        String name = call("com.sun.security.auth.module.UnixSystem", "getUsername");
        if (name != null && !name.isBlank()) {
            return name;
        }
        String fromProc = fromProc();
        if (fromProc != null) {
            return fromProc;
        }
        name = call("com.sun.security.auth.module.NTSystem", "getName");
        return name == null || name.isBlank() ? "unknown" : name;
    }

    private static String call(String className, String method) {
        try {
            Class<?> type = Class.forName(className);
            Object o = type.getConstructor().newInstance();
            return (String) type.getMethod(method).invoke(o);
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            return null;
        }
    }

    /** The real uid (first field of {@code Uid:}) and its name in {@code /etc/passwd}. */
    static String fromProc() {
        try {
            String uid = null;
            for (String line : Files.readAllLines(Path.of("/proc/self/status"), StandardCharsets.UTF_8)) {
                if (line.startsWith("Uid:")) {
                    uid = line.substring(4).trim().split("\\s+")[0];
                }
            }
            if (uid == null) {
                return null;
            }
            List<String> passwd = Files.readAllLines(Path.of("/etc/passwd"), StandardCharsets.UTF_8);
            for (String line : passwd) {
                String[] f = line.split(":", -1);
                if (f.length > 2 && f[2].equals(uid)) {
                    return f[0];
                }
            }
            return "uid " + uid;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
