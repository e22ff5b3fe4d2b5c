package dev.selfcode.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

import dev.selfcode.metrics.MetricSample;
import dev.selfcode.metrics.ModuleErrorSample;
import picocli.CommandLine;

/**
 * Per-module errors end to end: {@code selfcode measure} of three commits of a Python repository whose b.py has a
 * failing test and flake8 findings and whose a.py has none, in the real sandbox with the real MariaDB; then
 * {@code selfcode worst}.
 */
@QuarkusTest
class WorstCommandEndToEndTest {

    @Inject
    CommandLine.IFactory factory;

    Path root;

    @BeforeEach
    void setUp() throws Exception {
        root = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "worst-");
    }

    static Map<String, String> files() {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("a.py", "def add(x, y):\n    return x + y\n");
        files.put("b.py", """
                import os


                def divide(x, y):
                    return x / y


                def half(x):
                    return divide(x, 2)
                """);
        files.put("tests/__init__.py", "");
        files.put("tests/test_a.py", "from a import add\n\n\ndef test_add():\n    assert add(1, 2) == 3\n");
        files.put("tests/test_b.py", """
                from b import divide, half


                def test_half():
                    assert half(4) == 2


                def test_divide_by_zero_is_zero():
                    assert divide(1, 0) == 0
                """);
        files.put(".github/selfcode.yml", "lint: python3 -m flake8 a.py b.py tests\n"
                + "test: python3 -m pytest -q -p no:cacheprovider --junitxml=$SELFCODE_OUT/junit.xml\n"
                + "limits: { memory: 512m, timeout: 60s }\n");
        return files;
    }

    static void commit(Path repo, String file, String content) throws Exception {
        Files.writeString(repo.resolve(file), content);
        try (Git git = Git.open(repo.toFile())) {
            git.add().addFilepattern(".").call();
            PersonIdent who = new PersonIdent("test", "test@example.com");
            git.commit().setMessage("change " + file).setAuthor(who).setCommitter(who).setSign(false).call();
        }
    }

    CliRun selfcode(String... args) {
        return CliRun.of(factory, args);
    }

    static long samples(String repo) {
        return QuarkusTransaction.requiringNew().call(() -> MetricSample.count("repo", repo));
    }

    static List<ModuleErrorSample> rows(String repo) {
        return QuarkusTransaction.requiringNew()
                .call(() -> ModuleErrorSample.<ModuleErrorSample>list("repo = ?1 order by sampleId, id", repo));
    }

    @Test
    void threeMeasuredCommitsPutBFirstAndMeasuringOneAgainAddsNothing() throws Exception {
        Path repo = TestRepos.create(root.resolve("py"), files());
        String name = CliRepos.name(repo);

        CliRun first = selfcode("measure", "--repo", repo.toString());
        assertThat(first.exit()).as(first.out()).isZero();
        assertThat(first.out()).contains("2 passed, 1 failed").contains("1 lint finding(s)");
        CliRun early = selfcode("worst", "--repo", repo.toString());
        assertThat(early.exit()).as(early.out()).isZero();
        assertThat(early.out()).contains("1 sample of " + repo + " recorded; the worst module needs 3: measure it 2 more"
                + " times: selfcode measure --repo " + repo);

        commit(repo, "a.py", "def add(x, y):\n    return x + y\n\n\ndef sub(x, y):\n    return x - y\n");
        assertThat(selfcode("measure", "--repo", repo.toString()).exit()).isZero();
        commit(repo, "README.md", "# demo\n");
        assertThat(selfcode("measure", "--repo", repo.toString()).exit()).isZero();

        assertThat(samples(name)).isEqualTo(3);
        List<ModuleErrorSample> rows = rows(name);
        // Per sample: the failing test in divide (its deepest frame), the unused import outside any function.
        assertThat(rows).hasSize(6);
        assertThat(rows).allMatch(r -> r.file.equals("b.py"));
        assertThat(rows).filteredOn(r -> "divide".equals(r.function)).hasSize(3)
                .allMatch(r -> r.testFailures == 1 && r.lintFindings == 0);
        assertThat(rows).filteredOn(r -> r.function == null).hasSize(3)
                .allMatch(r -> r.testFailures == 0 && r.lintFindings == 1);
        assertThat(QuarkusTransaction.requiringNew().call(() -> ModuleErrorSample.of(name, "b.py", "divide")))
                .hasSize(3);

        CliRun again = selfcode("measure", "--repo", repo.toString());
        assertThat(again.exit()).as(again.out()).isZero();
        assertThat(again.out()).contains("from the cache");
        assertThat(samples(name)).as("the same commit measured again adds no sample").isEqualTo(3);
        assertThat(rows(name)).as("and no module rows").hasSize(6);

        CliRun worst = selfcode("worst", "--repo", repo.toString());
        assertThat(worst.exit()).as(worst.out()).isZero();
        List<String> lines = worst.out().lines().toList();
        assertThat(lines.get(0)).isEqualTo("errors per module of " + repo + " over the newest 3 samples, worst first:");
        assertThat(lines.get(1)).matches("file\\s+function\\s+mean errors\\s+samples\\s+latest");
        assertThat(lines.get(2)).matches("b\\.py\\s+divide\\s+2\\.00\\s+3/3\\s+2");
        assertThat(lines).hasSize(3);

        CliRun json = selfcode("worst", "--repo", repo.toString(), "--json");
        assertThat(json.exit()).isZero();
        JsonNode o = new ObjectMapper().readTree(json.out());
        assertThat(o.get("samples").asInt()).isEqualTo(3);
        assertThat(o.get("enough").asBoolean()).isTrue();
        assertThat(o.get("worst").asText()).isEqualTo("b.py");
        assertThat(o.get("modules").get(0).get("function").asText()).isEqualTo("divide");
        assertThat(o.get("modules").get(0).get("meanErrors").asDouble()).isEqualTo(2.0);
    }

    @Test
    void aMissingDirectoryIsBadInput() {
        CliRun r = selfcode("worst", "--repo", root.resolve("nowhere").toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.out()).contains("no such directory");
    }
}
