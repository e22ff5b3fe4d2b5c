package dev.selfcode.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * The private key of the throw-away GitHub App identity the CLI gives quarkus-github-app (which insists on one).
 * Made once per data folder and kept there: generating an RSA key took about 40% of the CPU of a CLI call.
 */
final class ThrowAwayAppKey {

    private ThrowAwayAppKey() {
    }

    static String pem(Path dataDir) {
        Path file = dataDir.resolve("cli-app-key.pem");
        try {
            if (Files.isRegularFile(file)) {
                return Files.readString(file);
            }
            String pem = generate();
            Files.createDirectories(dataDir);
            Path tmp = Files.createTempFile(dataDir, "cli-app-key", ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(tmp, pem);
            Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            return pem;
        } catch (IOException e) {
            return generate(); // a read-only data folder only costs time
        }
    }

    private static String generate() {
        try {
            KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
            gen.initialize(2048);
            byte[] der = gen.generateKeyPair().getPrivate().getEncoded();
            return "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                    + "\n-----END PRIVATE KEY-----\n";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
