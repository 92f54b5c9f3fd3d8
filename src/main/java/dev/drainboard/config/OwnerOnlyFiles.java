package dev.drainboard.config;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;

/**
 * Secret files (the mask key, the SIV keyset): written whole or not at all, flushed to the disk
 * with their folder before they are used, readable by their owner only, and refused when anyone
 * else can read or write them.
 */
public final class OwnerOnlyFiles {
    /** Flushes a file or a folder to the disk; a seam so a test can see what was made durable. */
    interface Syncer {
        void sync(Path fileOrFolder) throws IOException;
    }

    /** fsync through a channel; a folder is opened for reading, which Linux and macOS allow. */
    static final Syncer FSYNC = p -> {
        try (FileChannel c = FileChannel.open(p, StandardOpenOption.READ)) {
            c.force(true);
        } catch (IOException e) {
            if (!Files.isDirectory(p)) {
                throw e;
            }
            // some systems (Windows) cannot open a folder; its entry is made durable by the file system
        }
    };

    static volatile Syncer syncer = FSYNC;

    private OwnerOnlyFiles() {
    }

    /**
     * Writes {@code content} to {@code file} unless the file exists. Returns false when another
     * process created it first; its file is kept, since two keys must never race for one name.
     */
    public static boolean createNew(Path file, byte[] content) throws IOException {
        Path tmp = writeTemp(file, content);
        try {
            // A hard link fails atomically when the target exists; a rename would silently replace it.
            Files.createLink(file, tmp);
            Files.deleteIfExists(tmp);
            syncFolder(file);
            return true;
        } catch (FileAlreadyExistsException raced) {
            return false;
        } catch (UnsupportedOperationException noLinks) {
            if (Files.exists(file)) {
                return false;
            }
            Files.move(tmp, file);
            syncFolder(file);
            return true;
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Replaces {@code file} atomically, so a crash leaves either the old or the new content. */
    static void replace(Path file, byte[] content) throws IOException {
        Path tmp = writeTemp(file, content);
        try {
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            syncFolder(file);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * Makes {@code dir} (and any missing parents, with default modes) as an owner-only folder
     * (0700) when it does not exist yet; an existing folder is left as it is. Returns whether the
     * file system has POSIX permissions at all.
     */
    public static boolean createFolder(Path dir) throws IOException {
        Path parent = dir.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        boolean posix = isPosix(parent == null ? dir : parent);
        if (!Files.isDirectory(dir)) {
            if (posix) {
                Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(
                        PosixFilePermissions.fromString("rwx------")));
            } else {
                Files.createDirectory(dir);
            }
        }
        return posix;
    }

    /** Throws when group or others may read or write {@code file}; {@code what} names it in the message. */
    public static void checkOwnerOnly(Path file, String what) throws IOException {
        if (!isPosix(file)) {
            return;
        }
        Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
        Set<PosixFilePermission> others = EnumSet.of(PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE,
                PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE);
        others.retainAll(perms);
        if (!others.isEmpty()) {
            throw new ConfigException("The " + what + " " + file + " can be read or written by other users (mode "
                    + PosixFilePermissions.toString(perms) + "). Run `chmod 600 " + file + "` and start again.");
        }
    }

    private static Path writeTemp(Path file, byte[] content) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        FileAttribute<?>[] ownerOnly = isPosix(dir)
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(
                        PosixFilePermissions.fromString("rw-------"))}
                : new FileAttribute<?>[0];
        Path tmp = Files.createTempFile(dir, file.getFileName() + ".", ".tmp", ownerOnly);
        Files.write(tmp, content);
        // the content is on the disk before any name points at it
        syncer.sync(tmp);
        return tmp;
    }

    /**
     * Makes the new name durable: without it, a power loss right after creation can leave no key
     * file (or an empty one) while rows masked with the key are already committed.
     */
    private static void syncFolder(Path file) throws IOException {
        syncer.sync(file.toAbsolutePath().getParent());
    }

    private static boolean isPosix(Path p) {
        return Files.getFileAttributeView(p, PosixFileAttributeView.class) != null;
    }
}
