package dev.drainboard.embedded;

import dev.drainboard.config.OwnerOnlyFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;

/**
 * The data folder of one Drainboard (queue store, database, keys, logs), owned by one process at a
 * time. {@link #lock} makes the folder and everything in it owner-only and takes an exclusive file
 * lock that the operating system drops when the process dies, even by SIGKILL, so a crash never
 * leaves a stale lock behind. Take it before any server starts on the folder.
 */
public final class DataFolder implements AutoCloseable {
    static final String LOCK_FILE = "drainboard.lock";
    private static final Set<PosixFilePermission> GROUP_OR_OTHERS = EnumSet.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    private final Path dir;
    private final FileChannel channel;
    private final FileLock lock;

    private DataFolder(Path dir, FileChannel channel, FileLock lock) {
        this.dir = dir;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Creates the folder if needed (mode 0700), removes group and other permissions from everything
     * in it, and locks it for this process.
     *
     * @throws DataFolderInUseException when another process (or another open workspace of this one)
     *                                  holds the folder
     */
    public static DataFolder lock(Path dir) throws IOException {
        Path abs = dir.toAbsolutePath().normalize();
        boolean posix = OwnerOnlyFiles.createFolder(abs);
        Path lockFile = abs.resolve(LOCK_FILE);
        FileChannel ch = posix
                ? FileChannel.open(lockFile, Set.of(StandardOpenOption.CREATE, StandardOpenOption.READ,
                        StandardOpenOption.WRITE), PosixFilePermissions.asFileAttribute(
                        PosixFilePermissions.fromString("rw-------")))
                : FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.READ,
                        StandardOpenOption.WRITE);
        FileLock l;
        try {
            l = ch.tryLock();
        } catch (OverlappingFileLockException sameProcess) {
            l = null;
        }
        if (l == null) {
            String holder = readPid(ch);
            ch.close();
            throw new DataFolderInUseException("Another Drainboard (pid " + holder + ") is using " + abs
                    + "; close it or choose another --data-dir.");
        }
        try {
            ch.truncate(0);
            ch.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
            ch.force(true);
            if (posix) {
                tighten(abs);
            }
        } catch (IOException | RuntimeException e) {
            l.release();
            ch.close();
            throw e;
        }
        return new DataFolder(abs, ch, l);
    }

    /**
     * Creates the folder if needed (mode 0700) and removes group and other permissions from
     * everything in it, without locking it: for a workspace whose servers are all external, where
     * several processes may share the folder's key.
     */
    public static void prepare(Path dir) throws IOException {
        Path abs = dir.toAbsolutePath().normalize();
        if (OwnerOnlyFiles.createFolder(abs)) {
            tighten(abs);
        }
    }

    public Path path() {
        return dir;
    }

    /**
     * Removes group and other permissions from the folder and everything below it: data folders
     * made by earlier versions were 0755 with 0644 files (logs, the queue store with raw bodies).
     */
    static void tighten(Path dir) throws IOException {
        // PostgreSQL keeps its own cluster owner-only (it refuses to start otherwise), and an orphaned
        // server may still be writing there: leave that folder to it
        Path cluster = dir.resolve(EmbeddedStack.PG_DIR);
        Files.walkFileTree(dir, new java.nio.file.SimpleFileVisitor<Path>() {
            @Override
            public java.nio.file.FileVisitResult preVisitDirectory(Path d, java.nio.file.attribute.BasicFileAttributes a)
                    throws IOException {
                ownerOnly(d);
                return d.equals(cluster) ? java.nio.file.FileVisitResult.SKIP_SUBTREE
                        : java.nio.file.FileVisitResult.CONTINUE;
            }

            @Override
            public java.nio.file.FileVisitResult visitFile(Path f, java.nio.file.attribute.BasicFileAttributes a)
                    throws IOException {
                if (!a.isSymbolicLink()) {
                    ownerOnly(f);
                }
                return java.nio.file.FileVisitResult.CONTINUE;
            }

            @Override
            public java.nio.file.FileVisitResult visitFileFailed(Path f, IOException e) throws IOException {
                if (e instanceof java.nio.file.NoSuchFileException) {
                    return java.nio.file.FileVisitResult.CONTINUE; // removed while we looked
                }
                throw e;
            }
        });
    }

    private static void ownerOnly(Path p) throws IOException {
        try {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(p);
            if (perms.removeAll(GROUP_OR_OTHERS)) {
                Files.setPosixFilePermissions(p, perms);
            }
        } catch (java.nio.file.NoSuchFileException gone) {
            // removed while we looked
        }
    }

    private static String readPid(FileChannel ch) {
        try {
            ByteBuffer b = ByteBuffer.allocate(32);
            int n = ch.read(b, 0);
            String s = n <= 0 ? "" : new String(b.array(), 0, n, StandardCharsets.US_ASCII).trim();
            return s.isEmpty() ? "unknown" : s;
        } catch (IOException e) {
            return "unknown";
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            throw new IllegalStateException("releasing the lock on " + dir + " failed", e);
        }
    }
}
