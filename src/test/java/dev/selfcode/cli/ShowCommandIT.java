package dev.selfcode.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * {@code selfcode show} and {@code --json} as a user of the packaged CLI sees them: a bad id is one line on standard
 * error and exit 2, without a stack trace or a log line; {@code --json} prints one JSON document and nothing else on
 * standard output, whatever the libraries log.
 */
class ShowCommandIT {

    static Path root;
    static PackagedCli cli;
    static Path repo;
    static long patchId;

    @BeforeAll
    static void keepOnePatch() throws Exception {
        root = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "show-it-");
        cli = new PackagedCli(root.resolve("data"));
        repo = TestRepos.create(root.resolve("py"), TestRepos.python("60s"));
        PackagedCli.Run kept = cli.run("apply", "--repo", repo.toString(), "--file", "textutils.py", "--generator",
                "template", "normalize text");
        assertThat(kept.exit()).as(kept.toString()).isZero();
        patchId = Long.parseLong(kept.out().substring(kept.out().lastIndexOf("patch id: ") + 10).strip());
    }

    @Test
    void aMalformedOrUnknownIdIsOneLineAndExitTwo() throws Exception {
        PackagedCli.Run malformed = cli.run("show", "abc");
        assertThat(malformed.exit()).as(malformed.toString()).isEqualTo(2);
        assertThat(malformed.out()).isEmpty();
        assertThat(malformed.err()).isEqualTo("selfcode: PATCH_ID must be a whole number above 0 such as 12, not"
                + " \"abc\"; selfcode history lists the recorded ids\n");

        PackagedCli.Run unknown = cli.run("show", "--json", "987654321");
        assertThat(unknown.exit()).as(unknown.toString()).isEqualTo(2);
        assertThat(unknown.out()).isEmpty();
        assertThat(unknown.err()).isEqualTo("selfcode: there is no patch #987654321 in this database; selfcode"
                + " history lists the recorded ids\n");
        assertThat(unknown.noise()).isEmpty();
    }

    @Test
    void jsonIsTheWholeOfStandardOutput() throws Exception {
        for (String[] args : new String[][]{{"show", "--json", Long.toString(patchId)},
                {"history", "--json", "--repo", repo.toString()}, {"worst", "--json", "--repo", repo.toString()}}) {
            PackagedCli.Run r = cli.run(args);
            assertThat(r.exit()).as(r.toString()).isZero();
            assertThat(r.err()).as(r.toString()).isEmpty();
            assertThat(r.out().strip().lines()).as(r.toString()).hasSize(1);
            JsonNode o = new ObjectMapper().readTree(r.out());
            assertThat(o.isObject()).isTrue();
        }
        JsonNode shown = new ObjectMapper().readTree(cli.run("show", "--json", Long.toString(patchId)).out());
        assertThat(shown.get("id").asLong()).isEqualTo(patchId);
        assertThat(shown.get("generator").asText()).isEqualTo("template");
        JsonNode listed = new ObjectMapper().readTree(cli.run("history", "--json", "--repo", repo.toString()).out());
        assertThat(listed.get("patches").get(0).get("id").asLong()).isEqualTo(patchId);
    }
}
