package dev.selfcode.dotgithub;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** dependabot.yml and the issue templates hold what Dependabot and GitHub's "New issue" page accept. */
class DotGithubConfigTest {

    static final Path DOT_GITHUB = Path.of(".github");

    @TempDir
    Path tmp;

    @Test
    void dependabotFindsAManifestForEveryUpdate() throws Exception {
        String yaml = Files.readString(DOT_GITHUB.resolve("dependabot.yml"));

        assertThat(DependabotCheck.problems(yaml, Path.of("."))).isEmpty();
        assertThat(yaml).contains("package-ecosystem: maven", "package-ecosystem: github-actions",
                "package-ecosystem: docker");
    }

    @Test
    void dependabotRefusesAnUpdateWithoutItsManifest() throws Exception {
        // Our own dependabot.yml against an empty checkout: nothing for Maven or the workflows to update there.
        String yaml = Files.readString(DOT_GITHUB.resolve("dependabot.yml"));

        assertThat(DependabotCheck.problems(yaml, tmp)).containsExactly("maven /: no maven manifest in /",
                "github-actions /: no github-actions manifest in /",
                "docker /deploy/docker: no docker manifest in /deploy/docker");
        assertThat(DependabotCheck.problems("""
                version: 2
                updates:
                  - package-ecosystem: docker
                    directory: /deploy
                    schedule: {interval: hourly}
                """, Path.of("."))).hasSize(2);
    }

    @Test
    void everyIssueFormIsOneGitHubRenders() throws Exception {
        List<Path> forms;
        try (Stream<Path> files = Files.list(DOT_GITHUB.resolve("ISSUE_TEMPLATE"))) {
            forms = files.filter(f -> f.toString().endsWith(".yml") && !f.endsWith("config.yml")).sorted().toList();
        }
        assertThat(forms).extracting(f -> f.getFileName().toString()).contains("bug_report.yml",
                "feature_request.yml");
        for (Path form : forms) {
            assertThat(IssueFormCheck.formProblems(Files.readString(form))).as(form.toString()).isEmpty();
        }
        assertThat(IssueFormCheck.configProblems(Files.readString(DOT_GITHUB.resolve("ISSUE_TEMPLATE/config.yml"))))
                .isEmpty();
    }

    @Test
    void aBrokenIssueFormIsRefused() throws Exception {
        List<String> problems = IssueFormCheck.formProblems("""
                name: Broken
                body:
                  - type: textarea
                    id: what
                    attributes: {description: no label}
                  - type: dropdown
                    id: what
                    attributes: {label: Mode}
                  - type: slider
                """);

        assertThat(problems).hasSize(5).contains("top-level 'description' is required",
                "body element textarea what: attributes.label is required",
                "body element dropdown what: id must be unique and only letters, digits, '-' and '_'",
                "body element dropdown what: a dropdown needs non-empty text options");
        assertThat(problems).anyMatch(p -> p.startsWith("body element slider : type must be one of"));
    }
}
