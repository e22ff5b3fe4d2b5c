package dev.selfcode.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.quarkus.test.junit.QuarkusTest;

import dev.selfcode.config.RepoConfig;

/** The bean as the application gets it: injected, configured from application.properties. */
@QuarkusTest
class SandboxBeanTest {

    @Inject
    Sandbox sandbox;

    @Inject
    dev.selfcode.config.SelfcodeConfig config;

    @Test
    void theDepsPhaseForwardsToMavenCentralNpmAndPypiByDefault() {
        DepsSettings deps = DepsSettings.of(config).orElseThrow();
        assertThat(deps.network()).isEqualTo("selfcode-deps");
        assertThat(deps.cacheDir()).isAbsolute().endsWith(Path.of("deps"));
        assertThat(deps.registries()).extracting(Registry::identity).containsExactly(
                "central=MAVEN https://repo.maven.apache.org/maven2/",
                "npmjs=NPM https://registry.npmjs.org/",
                "pypi=PYPI https://pypi.org/simple/ https://files.pythonhosted.org/");
    }

    @Test
    void theInjectedSandboxRunsCommandsWithTheConfiguredMavenRepository(@TempDir Path dir) {
        SandboxTestSupport.requireImages(SandboxTestSupport.PYTHON);
        CommandResult r = sandbox.exec(SandboxTestSupport.PYTHON, dir, "ls $SELFCODE_M2",
                new RepoConfig.Limits(1, 256L << 20, Duration.ofSeconds(20)));
        assertThat(r.succeeded()).as(r.output()).isTrue();
        assertThat(r.output()).contains("org"); // the repository scripts/sandbox-images.sh filled
    }
}
