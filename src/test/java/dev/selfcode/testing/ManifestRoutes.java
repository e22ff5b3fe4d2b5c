package dev.selfcode.testing;

import static dev.selfcode.testing.Route.Auth.OPTIONAL;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.selfcode.testing.Route.Answer;

/**
 * The GitHub App manifest flow: the user's confirmation on GitHub's page (a code for the manifest) and
 * {@code POST /app-manifests/{code}/conversions}, which creates the App with a fresh RSA key and answers with its
 * credentials once per code, as GitHub does. JWTs of such an App are accepted afterwards.
 */
final class ManifestRoutes {

    private ManifestRoutes() {
    }

    static void register(FakeRouter router) {
        router.add(Route.of("POST", "/app-manifests/{code}/conversions", OPTIONAL, ex -> {
            JsonNode manifest = ex.state.manifestCodes.remove(ex.param("code"));
            if (manifest == null) {
                throw GitHubError.notFound();
            }
            return Answer.created(convert(ex.state, manifest));
        }));
    }

    /** Checks a manifest as GitHub's page does and returns the redirect URL with a new one-time code. */
    static String confirm(FakeState state, String manifestJson, String oneTimeState) {
        JsonNode manifest;
        try {
            manifest = Json.MAPPER.readTree(manifestJson);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("not JSON: " + manifestJson, e);
        }
        List<String> missing = new ArrayList<>();
        for (String field : List.of("/name", "/url", "/hook_attributes/url", "/redirect_url")) {
            if (manifest.at(field).asText("").isBlank()) {
                missing.add(field);
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("the manifest lacks " + missing + ": " + manifestJson);
        }
        String code = UUID.randomUUID().toString().replace("-", "");
        synchronized (state) {
            state.manifestCodes.put(code, manifest);
        }
        return manifest.path("redirect_url").asText() + "?code=" + code + "&state="
                + URLEncoder.encode(oneTimeState, StandardCharsets.UTF_8);
    }

    /** Whether {@code jwt} is a valid JWT of the fake's own App or of one registered from a manifest. */
    static boolean appJwt(FakeState state, String jwt) {
        if (AppKeys.verify(jwt, state.appId)) {
            return true;
        }
        synchronized (state) {
            for (Map.Entry<Long, PublicKey> app : state.manifestApps.entrySet()) {
                if (AppKeys.verify(jwt, app.getKey(), app.getValue())) {
                    return true;
                }
            }
        }
        return false;
    }

    private static ObjectNode convert(FakeState state, JsonNode manifest) {
        KeyPair keys;
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            keys = generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        long id = state.nextId();
        state.manifestApps.put(id, keys.getPublic());
        String slug = manifest.path("name").asText().toLowerCase().replaceAll("[^a-z0-9]+", "-") + "-" + id;
        ObjectNode app = Json.object().put("id", id).put("slug", slug).put("node_id", Json.nodeId("A", id));
        app.set("owner", RepoJson.user(state, "octo"));
        app.put("name", manifest.path("name").asText()).put("description", manifest.path("description").asText(""))
                .put("external_url", manifest.path("url").asText()).put("html_url", state.apiUrl + "/apps/" + slug);
        Json.time(app, "created_at", FakeState.now());
        Json.time(app, "updated_at", FakeState.now());
        app.set("permissions", manifest.path("default_permissions"));
        app.set("events", manifest.path("default_events"));
        app.put("client_id", "Iv1.m" + id).put("client_secret", UUID.randomUUID().toString().replace("-", ""))
                .put("webhook_secret", UUID.randomUUID().toString()).put("pem", pem(keys));
        return app;
    }

    /** PKCS#8 PEM (GitHub sends PKCS#1; quarkus-github-app reads both). */
    private static String pem(KeyPair keys) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(keys.getPrivate().getEncoded());
        return "-----BEGIN PRIVATE KEY-----\n" + body + "\n-----END PRIVATE KEY-----\n";
    }
}
