package dev.selfcode.web.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;

import jakarta.ws.rs.core.NewCookie;

import io.vertx.core.http.HttpServerRequest;

/**
 * The cookies of the login page: the anti-forgery token (double submit: a cookie another site can neither read nor
 * set, echoed in a hidden field of every form) and the admin session, HttpOnly, SameSite and Secure over HTTPS.
 */
final class FormCookies {

    static final String CSRF = "selfcode_csrf";
    private static final SecureRandom RANDOM = new SecureRandom();

    private FormCookies() {
    }

    /** The request's anti-forgery token when it has a well-formed one, else a new one. */
    static String csrfToken(String cookie) {
        if (cookie != null && cookie.matches("[A-Za-z0-9_-]{43}")) {
            return cookie;
        }
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** A form is genuine when its hidden field equals the cookie (compared in constant time). */
    static boolean csrfMatches(String cookie, String field) {
        return cookie != null && field != null && !cookie.isEmpty()
                && MessageDigest.isEqual(cookie.getBytes(StandardCharsets.UTF_8), field.getBytes(StandardCharsets.UTF_8));
    }

    static NewCookie csrf(HttpServerRequest request, String token) {
        return cookie(request, CSRF, token, Duration.ofHours(12), NewCookie.SameSite.STRICT);
    }

    static NewCookie admin(HttpServerRequest request, String value, Duration maxAge) {
        return cookie(request, AdminSession.COOKIE, value, maxAge, NewCookie.SameSite.LAX);
    }

    static NewCookie clearAdmin(HttpServerRequest request) {
        return cookie(request, AdminSession.COOKIE, "", Duration.ZERO, NewCookie.SameSite.LAX);
    }

    private static NewCookie cookie(HttpServerRequest request, String name, String value, Duration maxAge,
            NewCookie.SameSite sameSite) {
        return new NewCookie.Builder(name).value(value).path("/").maxAge((int) maxAge.toSeconds()).httpOnly(true)
                .secure("https".equalsIgnoreCase(request.scheme())).sameSite(sameSite).build();
    }

    /** {@code next} when it is a path on this server, else "/": the forms never send anyone elsewhere. */
    static String localPath(String next) {
        if (next == null || !next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")
                || next.chars().anyMatch(c -> c < 0x20)) {
            return "/";
        }
        return next;
    }
}
