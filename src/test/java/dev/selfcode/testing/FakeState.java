package dev.selfcode.testing;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * Everything the fake GitHub knows. Every read and write happens under this object's monitor (the router holds it
 * while a handler runs), so handlers can read-modify-write without further locking.
 */
final class FakeState {

    /** An installation token the fake issued. */
    record Grant(String token, long installationId, Instant expiresAt) {
    }

    final String apiUrl;
    final long appId = 4242;
    final String appSlug = "selfcode";
    final long defaultInstallationId = 7_000_001;
    private final AtomicLong ids = new AtomicLong(100_000);
    final Map<String, Long> users = new LinkedHashMap<>();
    final Map<Long, String> installations = new LinkedHashMap<>();
    final Map<String, Grant> grants = new LinkedHashMap<>();
    final Map<String, HostedRepo> repos = new LinkedHashMap<>();
    final Map<String, FakeIssue> issues = new LinkedHashMap<>();
    final Map<String, FakePull> pulls = new LinkedHashMap<>();
    final Map<Long, FakeComment> comments = new LinkedHashMap<>();
    final Map<Long, FakeReaction> reactions = new LinkedHashMap<>();
    final Map<Long, FakeCheckRun> checkRuns = new LinkedHashMap<>();
    /** Manifest-flow codes GitHub handed out and not yet exchanged, to the manifest they register. */
    final Map<String, com.fasterxml.jackson.databind.JsonNode> manifestCodes = new LinkedHashMap<>();
    /** User access tokens from the OAuth flow, to their user's login. */
    final Map<String, String> userTokens = new LinkedHashMap<>();
    /** OAuth codes handed out by the authorize page and not yet exchanged. */
    final Map<String, OAuthRoutes.Code> oauthCodes = new LinkedHashMap<>();
    /** Who is signed in to the fake's web pages (the authorize page asks nobody for a password). */
    volatile String browserUser;
    /** Apps registered through the manifest flow: their JWTs are accepted too. */
    final Map<Long, java.security.PublicKey> manifestApps = new LinkedHashMap<>();

    FakeState(String apiUrl) {
        this.apiUrl = apiUrl;
    }

    long nextId() {
        return ids.incrementAndGet();
    }

    /** Now, to the second, as GitHub's timestamps are. */
    static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS);
    }

    String botLogin() {
        return appSlug + "[bot]";
    }

    synchronized long userId(String login) {
        return users.computeIfAbsent(login, l -> nextId());
    }

    synchronized HostedRepo repo(String owner, String name) {
        return repos.get(owner + "/" + name);
    }

    static String key(String repo, int number) {
        return repo + "#" + number;
    }

    synchronized FakeIssue issue(String repo, int number) {
        return issues.get(key(repo, number));
    }

    synchronized FakePull pull(String repo, int number) {
        return pulls.get(key(repo, number));
    }

    synchronized void put(FakeIssue issue) {
        issues.put(key(issue.repo(), issue.number()), issue);
    }

    synchronized void put(FakePull pull) {
        pulls.put(key(pull.repo(), pull.number()), pull);
    }

    /** A valid (known, unexpired) grant for this token, or null. */
    synchronized Grant grant(String token) {
        Grant grant = grants.get(token);
        return grant != null && grant.expiresAt().isAfter(Instant.now()) ? grant : null;
    }

    synchronized <T> List<T> select(Map<?, T> from, Predicate<T> filter) {
        List<T> selected = new ArrayList<>();
        for (T value : from.values()) {
            if (filter.test(value)) {
                selected.add(value);
            }
        }
        return selected;
    }
}
