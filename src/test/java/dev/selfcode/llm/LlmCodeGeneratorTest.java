package dev.selfcode.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import dev.selfcode.failure.FailureKind;
import dev.selfcode.failure.StageFailure;
import dev.selfcode.memory.GptInteraction;
import dev.selfcode.testing.OpenAiStub;
import dev.selfcode.testing.OpenAiStubResource;
import dev.selfcode.testsupport.FakeSecrets;
import dev.selfcode.text.Tokens;

@QuarkusTest
@WithTestResource(value = OpenAiStubResource.class, scope = TestResourceScope.GLOBAL)
class LlmCodeGeneratorTest {

    private static final String FILE = "import re\n\n\ndef clean(value):\n    return re.sub(r\"\\s+\", \" \", value)\n";
    private static final String HELPER = "def normalize_text(value):\n    return clean(value).strip().lower()\n";

    @Inject
    LlmCodeGenerator generator;

    private OpenAiStub stub;

    @BeforeEach
    void reset() {
        stub = OpenAiStubResource.stub();
        stub.reset();
        QuarkusTransaction.requiringNew().run(() -> GptInteraction.deleteAll());
    }

    private static GenerationRequest request(String description, String content) {
        return new GenerationRequest(description, "src/text.py", "python", content,
                List.of(new GenerationRequest.Snippet("src/text.py", 4, "def clean(value):\n    ...")),
                List.of("a previous attempt was reverted: it broke test_clean"), "acme/widgets");
    }

    @Test
    void aScriptedAnswerBecomesCodeWithItsCostAndIsLogged() {
        stub.answer("Here it is:\n```python\n" + HELPER + "```\nDone.");

        GeneratedCode code = generator.generate(request("normalize text", FILE));

        assertThat(code.code()).isEqualTo(HELPER);
        assertThat(code.generator()).isEqualTo("llm");
        assertThat(code.model()).isEqualTo(OpenAiStub.MODEL);
        assertThat(code.promptTokens()).isEqualTo(OpenAiStub.PROMPT_TOKENS);
        assertThat(code.completionTokens()).isEqualTo(OpenAiStub.COMPLETION_TOKENS);
        assertThat(code.rawResponse()).startsWith("Here it is:").contains("```python");
        assertThat(stub.requests()).hasSize(1);
        String sent = stub.lastPrompt();
        assertThat(code.prompt()).contains(sent.substring(sent.indexOf("Write one new python helper")));
        assertThat(sent).contains("normalize text").contains("src/text.py").contains("def clean(value):")
                .contains("a previous attempt was reverted").contains("exactly one fenced code block");

        GptInteraction row = onlyRow();
        assertThat(row.id).isEqualTo(code.interactionId());
        assertThat(row.purpose).isEqualTo("generate");
        assertThat(row.repo).isEqualTo("acme/widgets");
        assertThat(row.model).isEqualTo(OpenAiStub.MODEL);
        assertThat(row.promptTokens).isEqualTo(OpenAiStub.PROMPT_TOKENS);
        assertThat(row.completionTokens).isEqualTo(OpenAiStub.COMPLETION_TOKENS);
        assertThat(row.prompt).isEqualTo(code.prompt());
        assertThat(row.response).isEqualTo(code.rawResponse());
        assertThat(row.error).isNull();
        assertThat(row.latencyMs).isNotNull().isGreaterThanOrEqualTo(0);
        assertThat(row.tags).contains("status:ok").contains("lang:python").contains("file:src/text.py");
    }

    @Test
    void aChunkRewriteSendsTheWholeChunkToTheRefactorerAndIsLoggedAsARewrite() {
        String chunk = "def clean(value):\n    return re.sub(r\"\\s+\", \" \", value)  # key " + FakeSecrets.GITHUB_TOKEN;
        String rewritten = "def clean(value):\n    return \" \".join(value.split())\n";
        stub.answer("```python\n" + rewritten + "```");

        GeneratedCode code = generator.rewrite(new ChunkRewriteRequest(request("make test_clean pass", FILE), "clean",
                4, 5, chunk));

        assertThat(code.code()).isEqualTo(rewritten);
        String sent = stub.lastPrompt();
        assertThat(sent).startsWith(Refactorer.SYSTEM_MESSAGE)
                .contains("Rewrite the python function `clean` of the file `src/text.py` (its lines 4 to 5)")
                .contains("make test_clean pass").contains("Keep its name and its signature exactly")
                .contains("def clean(value):\n    return re.sub(").contains("[REDACTED github-token]")
                .doesNotContain(FakeSecrets.GITHUB_TOKEN);
        assertThat(onlyRow().tags).contains("status:ok").contains("task:rewrite").contains("chunk:clean");
    }

    @Test
    void tokensAreCountedWithTheModelsTokenizerWhenTheEndpointReportsNoUsage() {
        stub.answerWithoutUsage("```python\n" + HELPER + "```");

        GeneratedCode code = generator.generate(request("normalize text", FILE));

        Tokens tokens = Tokens.forModel(generator.configuredModel);
        assertThat(code.promptTokens()).isEqualTo(tokens.count(code.prompt())).isNotEqualTo((code.prompt().length() + 3) / 4);
        assertThat(code.completionTokens()).isEqualTo(tokens.count(code.rawResponse()));
        GptInteraction row = onlyRow();
        assertThat(row.promptTokens).isEqualTo(code.promptTokens());
        assertThat(row.completionTokens).isEqualTo(code.completionTokens());
        assertThat(row.tags).contains("tokens:counted");
    }

    @Test
    void theSentPromptHoldsNoSecretFromTheRequest() {
        String token = FakeSecrets.GITHUB_TOKEN;
        String key = "sk-proj-" + "T3BlbkFJx9Qw2Er4Ty6Ui8Op0As1Df3Gh5Jk";
        String content = FILE + "\nGITHUB_TOKEN = \"" + token + "\"\n";
        GenerationRequest request = new GenerationRequest("normalize text, the key is " + key, "src/text.py",
                "python", content, List.of(new GenerationRequest.Snippet("src/conf.py", 1, "KEY = '" + key + "'")),
                List.of("token was " + token), "acme/widgets");
        stub.answer("```python\n" + HELPER + "```");

        GeneratedCode code = generator.generate(request);

        assertThat(stub.lastRequest()).doesNotContain(token).doesNotContain(key);
        assertThat(stub.lastPrompt()).contains("GITHUB_TOKEN = \"[REDACTED github-token]\"")
                .contains("[REDACTED api-key]");
        assertThat(code.prompt()).doesNotContain(token).doesNotContain(key);
        assertThat(onlyRow().prompt).doesNotContain(token).doesNotContain(key);
    }

    @Test
    void sourceBracesReachTheModelVerbatim() {
        String content = "def fmt(x):\n    return f\"{x}\" + \"{#if x}{/if}\" + '{{y}}'\n";
        stub.answer("```python\n" + HELPER + "```");

        generator.generate(request("normalize text", content));

        assertThat(stub.lastPrompt()).contains(content.strip());
    }

    @Test
    void aLargeFileIsShownAsChunkSummariesWithFallbackLinesWhenTheSummarizerFails() {
        StringBuilder content = new StringBuilder("import os\n");
        for (int i = 0; i < 600; i++) {
            content.append("def f").append(i).append("():\n    return ").append(i).append('\n');
        }
        stub.fail(500, "{\"error\":{\"message\":\"summarizer down\"}}");
        stub.answer("```python\n" + HELPER + "```");

        GeneratedCode code = generator.generate(request("normalize text", content.toString()));

        // one failed summarizer call, then no more: every chunk gets its fallback line, the helper is still written
        assertThat(stub.requests()).hasSize(2);
        assertThat(code.code()).isEqualTo(HELPER);
        assertThat(code.cost().chunked()).isTrue();
        String sent = stub.lastPrompt();
        assertThat(sent).contains("is too long to show whole").contains("`: import os")
                .containsPattern("`f\\d+ \\.\\. f\\d+ \\(\\d+ definitions\\)`: def f\\d+\\(\\):");
        assertThat(sent.length()).isLessThan(content.length());
        List<GptInteraction> summarizer = QuarkusTransaction.requiringNew()
                .call(() -> GptInteraction.<GptInteraction>list("purpose", ChunkSummaries.PURPOSE));
        assertThat(summarizer).singleElement().satisfies(row -> {
            assertThat(row.error).contains("summarizer down");
            assertThat(row.repo).isEqualTo("acme/widgets");
            assertThat(row.promptTokens).isPositive();
        });
    }

    @Test
    void http500IsTransient() {
        stub.fail(500, "{\"error\":{\"message\":\"upstream exploded\"}}");

        assertFailure(FailureKind.TRANSIENT, f -> assertThat(f.getMessage()).isEqualTo("LLM endpoint answered HTTP 500"));
        assertThat(stub.requests()).hasSize(1);
        assertThat(onlyRow().error).contains("HTTP 500");
        assertThat(onlyRow().tags).contains("status:transient");
    }

    @Test
    void rateLimitingIsTransient() {
        stub.fail(429, "{\"error\":{\"message\":\"slow down\"}}");

        assertFailure(FailureKind.TRANSIENT, f -> assertThat(f.getMessage()).contains("HTTP 429"));
    }

    @Test
    void aRefusedKeyIsInternalAndNamesTheSetting() {
        stub.fail(401, "{\"error\":{\"message\":\"Incorrect API key provided: sk-abcdefghijklmnopqrstuvwxyz123456\"}}");

        assertFailure(FailureKind.INTERNAL, f -> {
            assertThat(f.getMessage()).contains("HTTP 401").contains("SELFCODE_LLM_API_KEY");
            assertThat(f.detail()).contains("Incorrect API key").doesNotContain("sk-abcdefghijklmnopqrstuvwxyz123456");
        });
    }

    @Test
    void anUnknownModelIsInternalAndNamesTheSetting() {
        stub.fail(404, "{\"error\":{\"message\":\"The model `gpt-9` does not exist\"}}");

        assertFailure(FailureKind.INTERNAL,
                f -> assertThat(f.getMessage()).contains("HTTP 404").contains("SELFCODE_LLM_MODEL"));
    }

    @Test
    void aTimeoutIsTransientAndNamesTheLimit() {
        // The stub would answer after 20 s: only the client's 3 s limit turns the call into this failure.
        stub.delay(Duration.ofSeconds(20), "```python\n" + HELPER + "```");

        assertFailure(FailureKind.TRANSIENT, f -> assertThat(f.getMessage()).contains("did not answer within 3s"));
    }

    @Test
    void malformedJsonIsAClearTransientFailure() {
        stub.malformed("{\"id\": \"chatcmpl-1\", \"choices\": [ {\"message\": ");

        assertFailure(FailureKind.TRANSIENT,
                f -> assertThat(f.getMessage())
                        .isEqualTo("LLM endpoint sent an answer that is not valid chat-completion JSON"));
    }

    @Test
    void anEmptyBodyIsAClearTransientFailure() {
        stub.malformed("");

        assertFailure(FailureKind.TRANSIENT, f -> assertThat(f.getMessage()).contains("not valid chat-completion JSON"));
    }

    @Test
    void anAnswerWithoutCodeIsRejectedWithTheAnswerKept() {
        String refusal = "I'm sorry, but I can't write that helper.";
        stub.answer(refusal);

        assertFailure(FailureKind.REJECTED, f -> {
            assertThat(f.getMessage()).isEqualTo("the model's answer contained no code");
            assertThat(f.detail()).isEqualTo(refusal);
        });
        GptInteraction row = onlyRow();
        assertThat(row.response).isEqualTo(refusal);
        assertThat(row.error).isEqualTo("the model's answer contained no code");
        assertThat(row.promptTokens).isEqualTo(OpenAiStub.PROMPT_TOKENS);
        assertThat(row.tags).contains("status:rejected");
    }

    @Test
    void everyCallIsLogged() {
        stub.answer("```python\n" + HELPER + "```").fail(503, "busy").answer("no code here, sorry");

        generator.generate(request("one", FILE));
        assertThatThrownBy(() -> generator.generate(request("two", FILE))).isInstanceOf(StageFailure.class);
        assertThatThrownBy(() -> generator.generate(request("three", FILE))).isInstanceOf(StageFailure.class);

        List<GptInteraction> rows = QuarkusTransaction.requiringNew()
                .call(() -> GptInteraction.<GptInteraction>listAll());
        assertThat(rows).hasSize(3).extracting(r -> r.tags.split(",")[2])
                .containsExactlyInAnyOrder("status:ok", "status:transient", "status:rejected");
    }

    private void assertFailure(FailureKind kind, Consumer<StageFailure> check) {
        assertThatThrownBy(() -> generator.generate(request("normalize text", FILE)))
                .isInstanceOfSatisfying(StageFailure.class, f -> {
                    assertThat(f.kind()).isEqualTo(kind);
                    check.accept(f);
                });
    }

    private static GptInteraction onlyRow() {
        List<GptInteraction> rows = QuarkusTransaction.requiringNew()
                .call(() -> GptInteraction.<GptInteraction>listAll());
        assertThat(rows).hasSize(1);
        return rows.get(0);
    }
}
