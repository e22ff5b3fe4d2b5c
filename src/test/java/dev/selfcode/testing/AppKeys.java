package dev.selfcode.testing;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The GitHub App's RSA key pair (made once per JVM: 2048-bit generation is slow) and RS256 JWTs: the fake checks
 * the JWTs that clients sign with the private key it hands out, as GitHub checks them with the app's public key.
 */
final class AppKeys {

    private static final KeyPair KEYS = generate();
    private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();

    private AppKeys() {
    }

    private static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The private key as PKCS#8 PEM, as quarkus.github-app.private-key accepts it. */
    static String privateKeyPem() {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(KEYS.getPrivate().getEncoded());
        return "-----BEGIN PRIVATE KEY-----\n" + body + "\n-----END PRIVATE KEY-----\n";
    }

    /** A JWT for the app, valid for nine minutes, as quarkus-github-app makes them. */
    static String sign(long appId) {
        long now = Instant.now().getEpochSecond();
        String header = URL.encodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String claims = URL.encodeToString(Json.object().put("iss", String.valueOf(appId)).put("iat", now - 30)
                .put("exp", now + 540).toString().getBytes(StandardCharsets.UTF_8));
        try {
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initSign(KEYS.getPrivate());
            rsa.update((header + "." + claims).getBytes(StandardCharsets.US_ASCII));
            return header + "." + claims + "." + URL.encodeToString(rsa.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether {@code jwt} is an RS256 JWT signed with the app's key, issued for {@code appId} and not expired. */
    static boolean verify(String jwt, long appId) {
        return verify(jwt, appId, KEYS.getPublic());
    }

    /** Whether {@code jwt} is an RS256 JWT signed with the private half of {@code key}, for {@code appId}. */
    static boolean verify(String jwt, long appId, java.security.PublicKey key) {
        String[] parts = jwt.split("\\.", -1);
        if (parts.length != 3 || jwt.length() > 8192) {
            return false;
        }
        try {
            Base64.Decoder decoder = Base64.getUrlDecoder();
            JsonNode header = Json.MAPPER.readTree(decoder.decode(parts[0]));
            JsonNode claims = Json.MAPPER.readTree(decoder.decode(parts[1]));
            if (!"RS256".equals(header.path("alg").asText())) {
                return false;
            }
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initVerify(key);
            rsa.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            if (!rsa.verify(decoder.decode(parts[2]))) {
                return false;
            }
            long now = Instant.now().getEpochSecond();
            // GitHub refuses JWTs that live longer than ten minutes.
            long exp = claims.path("exp").asLong(0);
            return String.valueOf(appId).equals(claims.path("iss").asText()) && exp > now && exp <= now + 660;
        } catch (java.io.IOException | IllegalArgumentException | GeneralSecurityException e) {
            return false;
        }
    }
}
