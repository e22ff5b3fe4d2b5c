package dev.selfcode.web.auth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

/**
 * A GitHub user's {@link RepoAccess}, asked of GitHub at most once per {@link #TTL} per user and session token: a
 * permission taken away on GitHub stops counting here within five minutes. A failed check is not cached and grants
 * nothing.
 */
@ApplicationScoped
class CachedRepoAccess {

    static final Duration TTL = Duration.ofMinutes(5);
    private static final Logger LOG = Logger.getLogger(CachedRepoAccess.class);
    private static final int PRUNE_ABOVE = 1_000;

    private record Entry(byte[] tokenHash, RepoAccess access, Instant fetchedAt) {
    }

    private final Map<String, Entry> byLogin = new ConcurrentHashMap<>();

    @Inject
    GitHubRepoAccess github;

    @Inject
    Clock clock;

    RepoAccess of(String login, String userToken) {
        byte[] tokenHash = sha256(userToken);
        Instant now = clock.instant();
        Entry entry = byLogin.get(login);
        if (entry != null && fresh(entry, now) && MessageDigest.isEqual(entry.tokenHash, tokenHash)) {
            return entry.access;
        }
        RepoAccess access;
        try {
            access = github.fetch(userToken);
        } catch (IOException e) {
            LOG.warnf("Cannot read %s's repository permissions from GitHub (%s): they see nothing for now", login,
                    e.getMessage());
            return RepoAccess.NONE;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return RepoAccess.NONE;
        }
        if (byLogin.size() > PRUNE_ABOVE) {
            byLogin.values().removeIf(e -> !fresh(e, now));
        }
        byLogin.put(login, new Entry(tokenHash, access, now));
        return access;
    }

    /** Fetched less than {@link #TTL} ago (and not in the future: a clock set back means fetch again). */
    private static boolean fresh(Entry entry, Instant now) {
        return !now.isBefore(entry.fetchedAt) && now.isBefore(entry.fetchedAt.plus(TTL));
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
