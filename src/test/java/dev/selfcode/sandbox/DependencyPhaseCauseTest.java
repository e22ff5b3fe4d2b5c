package dev.selfcode.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The words of a failed dependency phase, the manifest hash, and npm's registry host setting. */
class DependencyPhaseCauseTest {

    @Test
    void aRefusedHostTheToolNamedLeadsTheCause() {
        String cause = DependencyPhase.cause("npm ci", 1, false, false, 1L << 30, List.of("example.org"),
                "npm error code E403\nnpm error 403 Forbidden - GET https://example.org/x.tgz\n");
        assertThat(cause).startsWith("the deps phase tried to reach example.org, which is not an allowed registry;"
                + " add it to selfcode.deps.registries").contains("npm error 403 Forbidden");
    }

    @Test
    void aRefusedHostTheToolWentOnWithoutIsOnlyMentioned() {
        String cause = DependencyPhase.cause("mvn test", 1, false, false, 1L << 30, List.of("repo.example"),
                "[INFO] x\n[ERROR] COMPILATION ERROR :\n[ERROR] Source option 5 is no longer supported.\n");
        assertThat(cause).startsWith("the deps command `mvn test` failed with exit code 1 (it was also refused"
                + " repo.example):\n[ERROR] COMPILATION ERROR :");
    }

    @Test
    void timeOutAndMemoryLimitAreNamed() {
        assertThat(DependencyPhase.cause("x", -1, true, false, 1L << 30, List.of(), "slow\n"))
                .isEqualTo("the deps phase ran past its time limit:\nslow");
        assertThat(DependencyPhase.cause("x", 137, false, true, 512L << 20, List.of(), ""))
                .isEqualTo("the deps phase was killed for using more than the memory limit of 512 MiB");
    }

    @Test
    void withoutAnErrorLineTheLastLinesAreQuoted() {
        String log = String.join("\n", java.util.stream.IntStream.range(0, 20).mapToObj(i -> "line " + i).toList());
        assertThat(DependencyPhase.decisiveLines(log)).startsWith("line 12").endsWith("line 19");
    }

    @Test
    void npmRepointsOnlyItsOwnRegistrysHost() {
        Registry npmjs = new Registry("npmjs", Registry.Type.NPM, URI.create("https://registry.npmjs.org"),
                Optional.empty(), Optional.empty());
        Registry corp = new Registry("corp", Registry.Type.NPM, URI.create("https://npm.corp.example:8443/r/"),
                Optional.empty(), Optional.of("Bearer t"));
        assertThat(DependencyPhase.replaceRegistryHost(List.of(npmjs))).isEqualTo("npmjs");
        assertThat(DependencyPhase.replaceRegistryHost(List.of(corp))).isEqualTo("npm.corp.example:8443");
        assertThat(DependencyPhase.replaceRegistryHost(List.of(npmjs, corp))).isEqualTo("always");
        assertThat(npmjs.url().toString()).endsWith("/");
        assertThat(corp.identity()).doesNotContain("Bearer");
    }

    @Test
    void theManifestHashFollowsManifestsOnly(@TempDir Path repo) throws Exception {
        Files.writeString(repo.resolve("package.json"), "{\"devDependencies\": {\"a\": \"1\"}}");
        Files.createDirectories(repo.resolve("sub/node_modules/x"));
        Files.writeString(repo.resolve("sub/node_modules/x/package.json"), "{}");
        Files.createDirectories(repo.resolve("mod"));
        Files.writeString(repo.resolve("mod/pom.xml"), "<project/>");
        Files.writeString(repo.resolve("index.js"), "1");
        assertThat(DepsManifest.files(repo)).containsExactly("mod/pom.xml", "package.json");
        String before = DepsManifest.hash(repo, List.of("npm ci"));
        Files.writeString(repo.resolve("index.js"), "2");
        assertThat(DepsManifest.hash(repo, List.of("npm ci"))).isEqualTo(before);
        assertThat(DepsManifest.hash(repo, List.of("npm install"))).isNotEqualTo(before);
        Files.writeString(repo.resolve("mod/pom.xml"), "<project><!-- changed --></project>");
        assertThat(DepsManifest.hash(repo, List.of("npm ci"))).isNotEqualTo(before);
    }
}
