package dev.selfcode.web.auth;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.oidc.UserInfo;
import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpServerRequest;

import dev.selfcode.web.FixedViewer;
import dev.selfcode.web.Viewer;

/**
 * Decides who asks, in this order: the admin token as {@code Authorization: Bearer ...}, the admin session cookie
 * of the login form, a GitHub login (quarkus-oidc's session), else an anonymous visitor.
 */
@ApplicationScoped
public class ResolveViewer {

    @Inject
    AdminSession adminSession;

    @Inject
    CachedRepoAccess repoAccess;

    public Viewer of(HttpServerRequest request, SecurityIdentity identity) {
        String header = request.getHeader("Authorization");
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)
                && adminSession.isAdminToken(header.substring(7).strip())) {
            return FixedViewer.ADMIN;
        }
        Cookie admin = request.getCookie(AdminSession.COOKIE);
        if (admin != null && adminSession.valid(admin.getValue())) {
            return FixedViewer.ADMIN;
        }
        if (identity != null && !identity.isAnonymous()) {
            AccessTokenCredential token = identity.getCredential(AccessTokenCredential.class);
            String login = githubLogin(identity);
            if (token != null && login != null) {
                return new GitHubViewer(login, repoAccess.of(login, token.getToken()));
            }
        }
        return FixedViewer.ANONYMOUS;
    }

    /** GitHub's login of the user (from /user, which quarkus-oidc keeps in the session). */
    static String githubLogin(SecurityIdentity identity) {
        Object info = identity.getAttribute("userinfo");
        if (info instanceof UserInfo userInfo && userInfo.getString("login") != null) {
            return userInfo.getString("login");
        }
        return identity.getPrincipal() == null ? null : identity.getPrincipal().getName();
    }
}
