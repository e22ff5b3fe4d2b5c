package dev.selfcode.testsupport;

import static org.junit.jupiter.api.Assertions.fail;

import org.junit.jupiter.api.Assumptions;

/**
 * What a test needs from the machine (a Docker engine, an image, a tool). On a developer's machine a missing one
 * skips the test; under {@code CI=true} it fails it, so a green CI run means the test really ran.
 */
public final class Requirements {

    private Requirements() {
    }

    /** Skips (or, on CI, fails) the calling test unless {@code available}; {@code missing} says what to install. */
    public static void require(boolean available, String missing) {
        require(available, missing, System.getenv("CI"));
    }

    static void require(boolean available, String missing, String ci) {
        if (available) {
            return;
        }
        if (ci != null && !ci.isBlank() && !"false".equalsIgnoreCase(ci.strip()) && !"0".equals(ci.strip())) {
            fail(missing + " (CI is set, so a missing requirement fails the run instead of skipping the test)");
        }
        Assumptions.abort(missing);
    }
}
