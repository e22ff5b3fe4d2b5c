package dev.selfcode.testing;

import java.util.regex.Matcher;

/** Checks the Authorization header of a REST call the way GitHub does for apps and installation tokens. */
final class Credentials {

    private Credentials() {
    }

    /**
     * Returns the caller's installation id (0 for an app JWT or an anonymous call) or throws a 401, or a 404 when
     * the token's installation does not hold the repository of the path (GitHub hides what a token cannot see).
     */
    static long check(FakeState state, Route route, Matcher matcher, String header) {
        String credential = credential(header);
        boolean jwt = credential != null && credential.chars().filter(c -> c == '.').count() == 2;
        switch (route.auth()) {
            case APP -> {
                if (!jwt || !ManifestRoutes.appJwt(state, credential)) {
                    throw new GitHubError(401, "A JSON web token could not be decoded");
                }
                return 0;
            }
            case USER -> {
                userOf(state, header);
                return 0;
            }
            case OPTIONAL -> {
                if (credential == null) {
                    return 0;
                }
                if (jwt) {
                    if (ManifestRoutes.appJwt(state, credential)) {
                        return 0;
                    }
                    throw new GitHubError(401, "A JSON web token could not be decoded");
                }
                return installationOf(state, credential);
            }
            default -> {
                if (credential == null) {
                    // An anonymous caller sees no private repository.
                    throw new GitHubError(401, "Requires authentication");
                }
                long installation = installationOf(state, credential);
                int owner = route.params().indexOf("owner");
                int repo = route.params().indexOf("repo");
                if (owner >= 0 && repo >= 0) {
                    HostedRepo hosted = state.repo(FakeExchange.decode(matcher.group(owner + 1)),
                            FakeExchange.decode(matcher.group(repo + 1)));
                    if (hosted == null || hosted.installationId != installation) {
                        throw GitHubError.notFound();
                    }
                }
                return installation;
            }
        }
    }

    /** The login whose user access token this is; a 401 otherwise. */
    static String userOf(FakeState state, String header) {
        String credential = credential(header);
        String login;
        synchronized (state) {
            login = credential == null ? null : state.userTokens.get(credential);
        }
        if (login == null) {
            throw new GitHubError(401, credential == null ? "Requires authentication" : "Bad credentials");
        }
        return login;
    }

    private static long installationOf(FakeState state, String token) {
        FakeState.Grant grant = state.grant(token);
        if (grant == null) {
            throw new GitHubError(401, "Bad credentials");
        }
        return grant.installationId();
    }

    /** The credential of "token X" or "Bearer X"; null when there is no such header. */
    static String credential(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String trimmed = header.trim();
        int space = trimmed.indexOf(' ');
        if (space < 0) {
            return trimmed;
        }
        String scheme = trimmed.substring(0, space);
        if (scheme.equalsIgnoreCase("token") || scheme.equalsIgnoreCase("bearer")) {
            return trimmed.substring(space + 1).trim();
        }
        return trimmed;
    }
}
