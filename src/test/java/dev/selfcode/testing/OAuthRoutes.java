package dev.selfcode.testing;

import static dev.selfcode.testing.Route.Auth.OPTIONAL;
import static dev.selfcode.testing.Route.Auth.USER;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.selfcode.testing.Route.Answer;

/**
 * The App's OAuth client ("Log in with GitHub"): the authorize page (the signed-in browser user approves at once and
 * is sent back with a code), the code exchange (client secret, redirect URI and PKCE checked, errors as GitHub's
 * 200-with-{@code error} answers), and what a user token may call: {@code /user}, {@code /user/installations} and
 * {@code /user/installations/{id}/repositories} with the user's {@code permissions} on each repository.
 */
final class OAuthRoutes {

    /** A code the authorize page handed out, for one login and one redirect URI. */
    record Code(String login, String redirectUri, String challenge, Instant expiresAt) {
    }

    static final String CLIENT_ID = "Iv1.fakeoauthclient";
    // 40 hex digits, as GitHub's client secrets (quarkus-oidc signs its session with it: it must be 256 bits or more).
    static final String CLIENT_SECRET = "5e1fc0de0a7b2c4d6e8f90a1b2c3d4e5f6a7b8c9";
    private static final SecureRandom RANDOM = new SecureRandom();

    private OAuthRoutes() {
    }

    static void register(FakeRouter router) {
        router.add(Route.of("GET", "/login/oauth/authorize", OPTIONAL, OAuthRoutes::authorize));
        router.add(Route.of("POST", "/login/oauth/access_token", OPTIONAL, OAuthRoutes::exchange));
        router.add(Route.of("GET", "/user", USER, ex -> Answer.ok(privateUser(ex.state, ex.user))));
        router.add(Route.of("GET", "/user/installations", USER, ex -> {
            List<ObjectNode> installations = new ArrayList<>();
            for (Long id : ex.state.installations.keySet()) {
                if (!visible(ex.state, id, ex.user).isEmpty()) {
                    installations.add(AppJson.installation(ex.state, id));
                }
            }
            return Answer.ok(page(ex, "installations", installations));
        }));
        router.add(Route.of("GET", "/user/installations/{id}/repositories", USER, ex -> {
            List<HostedRepo> repos = visible(ex.state, ex.id("id"), ex.user);
            if (repos.isEmpty()) {
                throw GitHubError.notFound();
            }
            List<ObjectNode> items = new ArrayList<>();
            for (HostedRepo repo : repos) {
                ObjectNode node = RepoJson.repository(ex.state, repo);
                node.set("permissions", permissions(repo.role(ex.user)));
                items.add(node);
            }
            ObjectNode answer = page(ex, "repositories", items);
            answer.put("repository_selection", "selected");
            return Answer.ok(answer);
        }));
    }

    private static Answer authorize(FakeExchange ex) {
        if (!CLIENT_ID.equals(ex.query("client_id", ""))) {
            throw GitHubError.notFound();
        }
        String login = ex.state.browserUser;
        if (login == null) {
            throw new GitHubError(401, "Sign in to GitHub to continue (the test signed nobody in)");
        }
        String redirect = ex.query("redirect_uri", "");
        if (redirect.isEmpty()) {
            throw GitHubError.unprocessable("The fake needs redirect_uri (it knows no callback URL)");
        }
        String code = random(20);
        ex.state.oauthCodes.put(code, new Code(login, redirect, ex.query("code_challenge", null),
                Instant.now().plusSeconds(600)));
        String state = ex.query("state", null);
        return Answer.redirect(redirect + (redirect.contains("?") ? "&" : "?") + "code=" + code
                + (state == null ? "" : "&state=" + URLEncoder.encode(state, StandardCharsets.UTF_8)));
    }

    private static Answer exchange(FakeExchange ex) {
        Map<String, String> form = ex.form();
        if (!CLIENT_ID.equals(form.get("client_id")) || !CLIENT_SECRET.equals(form.get("client_secret"))) {
            return error("incorrect_client_credentials", "The client_id and/or client_secret passed are incorrect.");
        }
        Code code = ex.state.oauthCodes.remove(form.getOrDefault("code", ""));
        if (code == null || code.expiresAt().isBefore(Instant.now())) {
            return error("bad_verification_code", "The code passed is incorrect or expired.");
        }
        if (form.containsKey("redirect_uri") && !code.redirectUri().equals(form.get("redirect_uri"))) {
            return error("redirect_uri_mismatch", "The redirect_uri MUST match the registered callback URL.");
        }
        if (code.challenge() != null && !code.challenge().equals(s256(form.getOrDefault("code_verifier", "")))) {
            return error("bad_verification_code", "The code_verifier does not match the code_challenge.");
        }
        String token = "ghu_" + random(36);
        ex.state.userTokens.put(token, code.login());
        return Answer.ok(Json.object().put("access_token", token).put("token_type", "bearer").put("scope", ""));
    }

    /** Repositories of an installation the user has explicit access to. */
    private static List<HostedRepo> visible(FakeState state, long installationId, String login) {
        return state.select(state.repos,
                r -> r.installationId == installationId && !"none".equals(HostedRepo.permissionOf(r.role(login))));
    }

    /** {@code per_page} and {@code page} as GitHub reads them (30 by default, at most 100). */
    private static ObjectNode page(FakeExchange ex, String field, List<ObjectNode> all) {
        int perPage = Math.min(100, Math.max(1, Integer.parseInt(ex.query("per_page", "30"))));
        int page = Math.max(1, Integer.parseInt(ex.query("page", "1")));
        ObjectNode answer = Json.object().put("total_count", all.size());
        ArrayNode items = answer.putArray(field);
        all.stream().skip((long) (page - 1) * perPage).limit(perPage).forEach(items::add);
        return answer;
    }

    static ObjectNode permissions(String role) {
        String permission = HostedRepo.permissionOf(role);
        return Json.object().put("admin", permission.equals("admin"))
                .put("maintain", role.equals("maintain") || permission.equals("admin"))
                .put("push", permission.equals("admin") || permission.equals("write"))
                .put("triage", !permission.equals("none") && !role.equals("read"))
                .put("pull", !permission.equals("none"));
    }

    /** The private-user shape of GET /user. */
    private static ObjectNode privateUser(FakeState state, String login) {
        ObjectNode user = RepoJson.user(state, login);
        user.put("name", login.substring(0, 1).toUpperCase() + login.substring(1)).putNull("company").putNull("blog")
                .putNull("location").put("email", login + "@users.fake.github.test").putNull("hireable").putNull("bio")
                .putNull("twitter_username").put("public_repos", 0).put("public_gists", 0).put("followers", 0)
                .put("following", 0);
        Json.time(user, "created_at", Instant.parse("2024-01-01T00:00:00Z"));
        Json.time(user, "updated_at", Instant.parse("2024-01-01T00:00:00Z"));
        return user;
    }

    private static Answer error(String error, String description) {
        return Answer.ok(Json.object().put("error", error).put("error_description", description)
                .put("error_uri", "https://docs.github.com/apps/troubleshooting-oauth-app-access-token-request-errors"));
    }

    private static String s256(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String random(int length) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < length; i++) {
            text.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return text.toString();
    }
}
