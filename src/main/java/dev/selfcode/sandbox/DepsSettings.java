package dev.selfcode.sandbox;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import dev.selfcode.config.SelfcodeConfig;

/**
 * The dependency phase's server settings, resolved once from {@link SelfcodeConfig}.
 *
 * @param network     the Docker network the phase runs on, whose gateway IP the registry gateway binds
 * @param caBundle    PEM trust store for the gateway's TLS to the registries
 * @param cacheDir    where installed dependencies are kept, one folder per repository and manifest hash
 * @param timeout     longest a phase may run
 * @param registries  what the gateway may forward to
 * @param seededMaven the offline Maven repository, served by the gateway before any remote one
 */
public record DepsSettings(String network, Optional<Path> caBundle, Path cacheDir, Duration timeout,
        List<Registry> registries, Optional<Path> seededMaven) {

    public DepsSettings {
        // Docker takes a relative bind source for a volume name.
        cacheDir = cacheDir.toAbsolutePath();
    }

    /** The settings, or empty when the phase is switched off. */
    public static Optional<DepsSettings> of(SelfcodeConfig config) {
        SelfcodeConfig.Deps deps = config.deps();
        if (!deps.enabled()) {
            return Optional.empty();
        }
        return Optional.of(new DepsSettings(deps.network(), deps.caBundle(),
                deps.cacheDir().orElse(config.dataDir().resolve("deps")), deps.timeout(),
                Registry.of(deps.registries()), config.sandbox().mavenRepository()));
    }
}
