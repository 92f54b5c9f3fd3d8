package dev.drainboard.config;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;

/**
 * Secret files (the mask key, the SIV keyset): written whole or not at all, readable by their owner
 * only, and refused when anyone else can read or write them.
 */
final class OwnerOnlyFiles {
    private OwnerOnlyFiles() {
    }

    /**
     * Writes {@code content} to {@code file} unless the file exists. Returns false when another
     * process created it first; its file is kept, since two keys must never race for one name.
     */
    static boolean createNew(Path file, byte[] content) throws IOException {
        Path tmp = writeTemp(file, content);
        try {
            // A hard link fails atomically when the target exists; a rename would silently replace it.
            Files.createLink(file, tmp);
            return true;
        } catch (FileAlreadyExistsException raced) {
            return false;
        } catch (UnsupportedOperationException noLinks) {
            if (Files.exists(file)) {
                return false;
            }
            Files.move(tmp, file);
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
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Throws when group or others may read or write {@code file}; {@code what} names it in the message. */
    static void checkOwnerOnly(Path file, String what) throws IOException {
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
        return tmp;
    }

    private static boolean isPosix(Path p) {
        return Files.getFileAttributeView(p, PosixFileAttributeView.class) != null;
    }
}
