package dev.selfcode.sandbox;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * Reads files that sandboxed code wrote: only regular files whose real location stays under the run
 * directory (a symlink to a host file or a FIFO is refused), and never more than a cap.
 */
final class SafeFiles {

    private SafeFiles() {
    }

    /** The file's path when it is a regular file inside {@code root} (symlinks resolved), else empty. */
    static Optional<Path> inside(Path root, Path file) {
        try {
            Path real = file.toRealPath();
            if (!real.startsWith(root.toRealPath()) || !Files.isRegularFile(real, LinkOption.NOFOLLOW_LINKS)) {
                return Optional.empty();
            }
            return Optional.of(real);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** At most {@code max + 1} bytes of the file, so a caller can tell that it was larger than {@code max}. */
    static Optional<byte[]> head(Path root, Path file, int max) {
        Optional<Path> real = inside(root, file);
        if (real.isEmpty()) {
            return Optional.empty();
        }
        try (InputStream in = Files.newInputStream(real.get(), LinkOption.NOFOLLOW_LINKS)) {
            return Optional.of(in.readNBytes(max + 1));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The last {@code max} bytes of the file as text (bad UTF-8 replaced), or empty when unreadable. */
    static Optional<String> tail(Path root, Path file, int max) {
        Optional<Path> real = inside(root, file);
        if (real.isEmpty()) {
            return Optional.empty();
        }
        try (SeekableByteChannel ch = Files.newByteChannel(real.get(), StandardOpenOption.READ,
                LinkOption.NOFOLLOW_LINKS)) {
            long size = ch.size();
            ch.position(Math.max(0, size - max));
            ByteBuffer buf = ByteBuffer.allocate((int) Math.min(size, max));
            while (buf.hasRemaining() && ch.read(buf) > 0) {
                // reads until full or end of file
            }
            return Optional.of(text(buf.array(), buf.position()));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Bytes as text for logs and the database: malformed UTF-8 replaced, NULs dropped. */
    static String text(byte[] bytes, int length) {
        return new String(bytes, 0, length, StandardCharsets.UTF_8).replace("\0", "");
    }

    /** The tail of {@code s} of at most {@code max} characters, marking that something was cut. */
    static String keepTail(String s, int max) {
        if (s.length() <= max) {
            return s;
        }
        String marker = "[... earlier output dropped ...]\n";
        return marker + s.substring(s.length() - Math.max(0, max - marker.length()));
    }
}
