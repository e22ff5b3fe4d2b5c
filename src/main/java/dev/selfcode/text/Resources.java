package dev.selfcode.text;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Text files shipped inside the jar next to the class that runs them (scripts the sandbox executes). */
public final class Resources {

    private Resources() {
    }

    /**
     * The UTF-8 text of {@code name}, resolved against {@code owner}'s package.
     *
     * @throws IllegalStateException when the build left it out
     */
    public static String text(Class<?> owner, String name) {
        try (InputStream in = owner.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
