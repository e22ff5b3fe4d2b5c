package dev.selfcode.web.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.selfcode.config.SelfcodeConfig;

/**
 * The session cookie of a login with the admin token on the login form: its expiry, signed with a key derived from
 * the admin token (HMAC-SHA256). Nothing is stored on the server, so every replica accepts it; changing the admin
 * token ends every such session. The token itself is never in the cookie.
 */
@ApplicationScoped
public class AdminSession {

    /** The cookie's name. */
    public static final String COOKIE = "selfcode_admin";

    private static final String VERSION = "v1";

    @Inject
    SelfcodeConfig config;

    @Inject
    Clock clock;

    /** Whether {@code given} is the configured admin token (compared in constant time). */
    public boolean isAdminToken(String given) {
        return given != null && adminToken()
                .map(t -> MessageDigest.isEqual(t.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8)))
                .orElse(false);
    }

    boolean configured() {
        return adminToken().isPresent();
    }

    /** A new cookie value, valid for {@code selfcode.web.admin-session}. */
    String issue() {
        long expires = clock.instant().plus(config.web().adminSession()).getEpochSecond();
        return VERSION + "." + expires + "." + sign(expires);
    }

    /** Whether a cookie value is one {@link #issue} made with the current admin token and has not expired. */
    boolean valid(String cookie) {
        if (cookie == null || adminToken().isEmpty()) {
            return false;
        }
        String[] parts = cookie.split("\\.");
        if (parts.length != 3 || !VERSION.equals(parts[0])) {
            return false;
        }
        long expires;
        try {
            expires = Long.parseLong(parts[1]);
        } catch (NumberFormatException e) {
            return false;
        }
        return MessageDigest.isEqual(sign(expires).getBytes(StandardCharsets.US_ASCII),
                parts[2].getBytes(StandardCharsets.US_ASCII))
                && clock.instant().isBefore(Instant.ofEpochSecond(expires));
    }

    private Optional<String> adminToken() {
        return config.web().adminToken().filter(t -> !t.isBlank());
    }

    private String sign(long expires) {
        try {
            byte[] key = MessageDigest.getInstance("SHA-256")
                    .digest(("selfcode admin session\0" + adminToken().orElseThrow()).getBytes(StandardCharsets.UTF_8));
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] tag = mac.doFinal((VERSION + "." + expires).getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(tag);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
