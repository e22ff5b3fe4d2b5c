package dev.selfcode.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import dev.selfcode.testing.OpenAiStub;
import dev.selfcode.testing.OpenAiStubResource;
import dev.selfcode.testsupport.FakeSecrets;
import picocli.CommandLine;

/**
 * A model that answers with a GitHub token is refused by the guard, and neither the answer nor anything derived
 * from it (prompt log, history row, reasons, diff) reaches the database with the token in it.
 */
@QuarkusTest
@WithTestResource(OpenAiStubResource.class)
class SecretsNeverStoredTest {

    // Built from parts so this file itself holds no token a scanner would flag.
    static final String TOKEN = FakeSecrets.GITHUB_TOKEN;

    @Inject
    CommandLine.IFactory factory;
    @Inject
    EntityManager em;

    OpenAiStub llm;
    Path root;

    @BeforeEach
    void setUp() throws Exception {
        llm = OpenAiStubResource.stub();
        llm.reset();
        root = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "secrets-");
    }

    @Test
    void aRejectedAnswerWithATokenIsStoredRedacted() throws Exception {
        Path repo = TestRepos.create(root.resolve("py"), TestRepos.python("60s"));
        llm.answer("Here you go:\n```python\nGITHUB_TOKEN = \"" + TOKEN + "\"\n\n\ndef normalize_text(text):\n"
                + "    return text.lower()\n```");

        StringWriter out = new StringWriter();
        CommandLine cli = new CommandLine(SelfcodeCommand.class, factory);
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(out, true));
        int exit = cli.execute("apply", "--repo", repo.toString(), "--file", "textutils.py", "--generator", "llm",
                "normalize text, my token is " + TOKEN);

        assertThat(exit).as(out.toString()).isEqualTo(3);
        assertThat(out.toString()).contains("secret");
        String stored = "local:" + repo;
        List<String> interactions = texts("SELECT CONCAT_WS('\\n', prompt, response, error, tags) FROM gpt_interaction"
                + " WHERE repo = ?1", stored);
        List<String> attempts = texts("SELECT CONCAT_WS('\\n', description, reasons, decision_table, diff, timings)"
                + " FROM patch_history WHERE repo = ?1", stored);
        // The rows exist and kept the answer, only without the token.
        assertThat(interactions).singleElement().asString().contains("[REDACTED github-token]")
                .contains("def normalize_text(text):").doesNotContain(TOKEN);
        assertThat(attempts).singleElement().asString().contains("normalize text, my token is [REDACTED github-token]")
                .contains("secret").doesNotContain(TOKEN);
        assertThat(count("SELECT COUNT(*) FROM gpt_interaction WHERE CONCAT_WS(' ', prompt, response, error, tags)"
                + " LIKE ?1")).isZero();
        assertThat(count("SELECT COUNT(*) FROM patch_history WHERE CONCAT_WS(' ', description, reasons,"
                + " decision_table, diff, timings) LIKE ?1")).isZero();
    }

    @SuppressWarnings("unchecked")
    List<String> texts(String sql, String repo) {
        return QuarkusTransaction.requiringNew()
                .call(() -> em.createNativeQuery(sql).setParameter(1, repo).getResultList());
    }

    long count(String sql) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(sql)
                .setParameter(1, "%" + TOKEN + "%").getSingleResult()).longValue());
    }
}
