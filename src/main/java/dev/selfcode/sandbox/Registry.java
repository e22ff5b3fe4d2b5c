package dev.selfcode.sandbox;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import dev.selfcode.config.SelfcodeConfig;

/**
 * One package registry the dependency phase may reach through the gateway.
 *
 * @param name          the key under {@code selfcode.deps.registries}
 * @param type          what the registry serves
 * @param url           its base URL, ending in {@code /}
 * @param files         PyPI only: the base of the file links its index names, ending in {@code /}
 * @param authorization the Authorization header the gateway adds upstream; never seen by a container
 */
public record Registry(String name, Type type, URI url, Optional<URI> files, Optional<String> authorization) {

    /** The kinds of registry the gateway serves, each under its own path. */
    public enum Type {
        MAVEN, NPM, PYPI
    }

    public Registry {
        url = withSlash(url);
        files = files.map(Registry::withSlash);
    }

    /** The configured registries, in name order (the order the gateway tries those of one type). */
    public static List<Registry> of(Map<String, SelfcodeConfig.Deps.Registry> configured) {
        return configured.entrySet().stream().map(e -> {
            SelfcodeConfig.Deps.Registry r = e.getValue();
            Type type;
            try {
                type = Type.valueOf(r.type().trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException ex) {
                throw new IllegalArgumentException("selfcode.deps.registries." + e.getKey() + ".type must be maven,"
                        + " npm or pypi, not '" + r.type() + "'");
            }
            Optional<String> auth = r.token().map(t -> "Bearer " + t).or(() -> r.username().map(u -> "Basic "
                    + Base64.getEncoder().encodeToString((u + ":" + r.password().orElse(""))
                            .getBytes(StandardCharsets.UTF_8))));
            return new Registry(e.getKey(), type, r.url(), r.files(), auth);
        }).sorted(Comparator.comparing(Registry::name)).toList();
    }

    /** What identifies the registry in a cache key: never its credentials. */
    String identity() {
        return name + "=" + type + " " + url + files.map(f -> " " + f).orElse("");
    }

    /** The host names this registry's traffic goes to, for messages. */
    String hosts() {
        return url.getHost() + files.map(f -> f.getHost().equals(url.getHost()) ? "" : ", " + f.getHost()).orElse("");
    }

    private static URI withSlash(URI u) {
        String s = u.toString();
        return s.endsWith("/") ? u : URI.create(s + "/");
    }
}
