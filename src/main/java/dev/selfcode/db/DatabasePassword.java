package dev.selfcode.db;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;

/** The embedded database's password: random, made once, kept in the data folder readable by its owner only. */
final class DatabasePassword {

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private DatabasePassword() {
    }

    /** Reads the password, making it first when the folder has none. Call under the control lock. */
    static String readOrCreate(DatabaseFolder folder) throws IOException {
        Path file = folder.password();
        if (!Files.exists(file)) {
            byte[] random = new byte[24];
            new SecureRandom().nextBytes(random);
            Path tmp = file.resolveSibling("password.new");
            Files.deleteIfExists(tmp);
            // Created with its final mode: never readable by others, not even for a moment.
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            Files.writeString(tmp, Base64.getUrlEncoder().withoutPadding().encodeToString(random) + "\n");
            Files.move(tmp, file);
        } else if (!Files.getPosixFilePermissions(file).equals(OWNER_ONLY)) {
            Files.setPosixFilePermissions(file, OWNER_ONLY);
        }
        return read(folder);
    }

    static String read(DatabaseFolder folder) throws IOException {
        return Files.readString(folder.password()).strip();
    }
}
