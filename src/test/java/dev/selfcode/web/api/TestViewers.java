package dev.selfcode.web.api;

import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;

import io.vertx.core.http.HttpServerRequest;

import dev.selfcode.web.Viewer;

/**
 * Viewers the API tests choose per request, standing in for a GitHub login: {@code X-Test-Viewer: reader octo/a}
 * reads one repository, {@code writer octo/a} also writes it; without the header, the admin token or anonymous as
 * in production. Enabled only by {@link ApiTest}'s profile.
 */
@Alternative
public class TestViewers {

    static final String HEADER = "X-Test-Viewer";

    @Inject
    HttpServerRequest request;

    @Produces
    @RequestScoped
    Viewer viewer() {
        String asked = request.getHeader(HEADER);
        String auth = request.getHeader("Authorization");
        if (asked == null) {
            boolean admin = ("Bearer " + ApiTest.ADMIN_TOKEN).equals(auth);
            return new Fixed(admin, admin, Set.of(), Set.of());
        }
        String[] parts = asked.split(" ", 2);
        Set<String> repos = Set.of(parts[1]);
        return new Fixed(true, false, repos, parts[0].equals("writer") ? repos : Set.of());
    }

    record Fixed(boolean authenticated, boolean admin, Set<String> reads, Set<String> writes) implements Viewer {

        @Override
        public Optional<String> login() {
            return authenticated && !admin ? Optional.of("tester") : Optional.empty();
        }

        @Override
        public boolean canRead(String repo) {
            return admin || reads.contains(repo);
        }

        @Override
        public boolean canWrite(String repo) {
            return admin || writes.contains(repo);
        }
    }
}
