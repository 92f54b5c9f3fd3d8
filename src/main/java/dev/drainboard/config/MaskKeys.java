package dev.drainboard.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Set;

/**
 * Finds the mask key: {@code DRAINBOARD_MASK_KEY} when set, otherwise {@code <data-dir>/mask.key},
 * created on first use with 32 random bytes and owner-only permissions. A key file that other
 * users can read is refused.
 */
public final class MaskKeys {
    public static final String FILE_NAME = "mask.key";

    private MaskKeys() {
    }

    public static MaskKey load(AppConfig config) {
        if (config.maskKeyBase64().isPresent()) {
            return new MaskKey(Base64.getDecoder().decode(config.maskKeyBase64().get()), ConfigKey.MASK_KEY.env());
        }
        return loadOrCreate(config.dataDir().resolve(FILE_NAME));
    }

    public static MaskKey loadOrCreate(Path file) {
        try {
            if (!Files.exists(file)) {
                create(file);
            }
            checkOwnerOnly(file);
            String text = Files.readString(file, StandardCharsets.US_ASCII).trim();
            byte[] bytes;
            try {
                bytes = Base64.getDecoder().decode(text);
            } catch (IllegalArgumentException e) {
                throw new ConfigException("The key file " + file + " is not base64. Restore it from your backup; "
                        + "a new key would give different masks than the rows already stored.");
            }
            if (bytes.length != MaskKey.LENGTH) {
                throw new ConfigException("The key file " + file + " holds " + bytes.length + " bytes, not "
                        + MaskKey.LENGTH + ". Restore it from your backup.");
            }
            return new MaskKey(bytes, file.toString());
        } catch (IOException e) {
            throw new ConfigException("Cannot read or create the key file " + file + ": " + e.getMessage()
                    + ". Check the folder's permissions or set DRAINBOARD_MASK_KEY.", e);
        }
    }

    private static void create(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        byte[] key = new byte[MaskKey.LENGTH];
        new SecureRandom().nextBytes(key);
        byte[] text = (Base64.getEncoder().encodeToString(key) + "\n").getBytes(StandardCharsets.US_ASCII);
        Path tmp = file.resolveSibling(file.getFileName() + ".new");
        Files.deleteIfExists(tmp);
        if (isPosix(file.getParent())) {
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } else {
            Files.createFile(tmp);
        }
        Files.write(tmp, text);
        try {
            Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException raced) {
            Files.deleteIfExists(tmp);
        }
    }

    private static void checkOwnerOnly(Path file) throws IOException {
        if (!isPosix(file)) {
            return;
        }
        Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
        Set<PosixFilePermission> others = EnumSet.of(PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE,
                PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE);
        others.retainAll(perms);
        if (!others.isEmpty()) {
            throw new ConfigException("The key file " + file + " can be read or written by other users (mode "
                    + PosixFilePermissions.toString(perms) + "). Run `chmod 600 " + file + "` and start again.");
        }
    }

    private static boolean isPosix(Path p) {
        return Files.getFileAttributeView(p, PosixFileAttributeView.class) != null;
    }
}
