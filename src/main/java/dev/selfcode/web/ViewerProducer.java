package dev.selfcode.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;

import io.vertx.core.http.HttpServerRequest;

import dev.selfcode.config.SelfcodeConfig;

/** Resolves the request's {@link Viewer}: the admin token ({@code Authorization: Bearer ...}) or anonymous. */
public class ViewerProducer {

    @Inject
    HttpServerRequest request;

    @Inject
    SelfcodeConfig config;

    @Produces
    @RequestScoped
    Viewer viewer() {
        String header = request.getHeader("Authorization");
        if (header != null && header.startsWith("Bearer ") && matchesAdminToken(header.substring(7).strip())) {
            return Admin.INSTANCE;
        }
        return Anonymous.INSTANCE;
    }

    boolean matchesAdminToken(String given) {
        // Compared in constant time: the token is the whole of a single-user install's protection.
        return config.web().adminToken().filter(t -> !t.isBlank())
                .map(t -> MessageDigest.isEqual(t.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8)))
                .orElse(false);
    }

    enum Admin implements Viewer {

        INSTANCE;

        @Override
        public Optional<String> login() {
            return Optional.empty();
        }

        @Override
        public boolean authenticated() {
            return true;
        }

        @Override
        public boolean admin() {
            return true;
        }

        @Override
        public boolean canRead(String repo) {
            return true;
        }

        @Override
        public boolean canWrite(String repo) {
            return true;
        }
    }

    enum Anonymous implements Viewer {

        INSTANCE;

        @Override
        public Optional<String> login() {
            return Optional.empty();
        }

        @Override
        public boolean authenticated() {
            return false;
        }

        @Override
        public boolean admin() {
            return false;
        }

        @Override
        public boolean canRead(String repo) {
            return false;
        }

        @Override
        public boolean canWrite(String repo) {
            return false;
        }
    }
}
