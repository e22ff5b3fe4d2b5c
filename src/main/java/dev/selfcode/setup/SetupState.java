package dev.selfcode.setup;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one-time {@code state} values of the manifest flow: each setup page gets a fresh one, and a callback must bring
 * back one that this server issued, within the hour GitHub's code lives; it is consumed on first use, so a replayed
 * callback is refused.
 */
final class SetupState {

    static final Duration LIFETIME = Duration.ofHours(1);

    private final SecureRandom random = new SecureRandom();
    private final Map<String, Instant> issued = new ConcurrentHashMap<>();

    String issue() {
        Instant now = Instant.now();
        issued.values().removeIf(expiry -> expiry.isBefore(now));
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String state = HexFormat.of().formatHex(bytes);
        issued.put(state, now.plus(LIFETIME));
        return state;
    }

    /** True once for a state this server issued and that has not expired; false for any other value. */
    boolean consume(String state) {
        if (state == null) {
            return false;
        }
        Instant expiry = issued.remove(state);
        return expiry != null && Instant.now().isBefore(expiry);
    }
}
