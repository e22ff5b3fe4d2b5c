package dev.selfcode.github;

import static dev.selfcode.guardrail.GuardrailRows.attempt;
import static dev.selfcode.guardrail.GuardrailRows.call;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import dev.selfcode.guardrail.GuardrailSkip;
import dev.selfcode.guardrail.Guardrails;
import dev.selfcode.guardrail.RepoLimits;
import dev.selfcode.metrics.PatchAttempt;
import dev.selfcode.testing.FakeComment;
import dev.selfcode.testing.FakeGitHub;
import dev.selfcode.testing.FakeGitHubResource;
import dev.selfcode.testing.InjectFakeGitHub;
import dev.selfcode.testing.OpenAiStubResource;
import dev.selfcode.testsupport.AdjustableClock;

/**
 * Commands over a limit, against the fake GitHub over HTTP and the real MariaDB: one reply naming the limit, the
 * count and when it resets, and no job; the breaker's short reply; {@code /selfcode reset} by a writer and a reader.
 */
@QuarkusTest
@WithTestResource(FakeGitHubResource.class)
@WithTestResource(OpenAiStubResource.class)
class GuardrailCommandsTest {

    private static final AtomicInteger REPOS = new AtomicInteger();
    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    @InjectFakeGitHub
    FakeGitHub fake;
    @Inject
    AdjustableClock clock;
    @Inject
    Guardrails guardrails;

    @BeforeEach
    void setUp() {
        clock.reset();
    }

    String newRepo(String config) {
        String name = "octo/guard-cmd-" + REPOS.incrementAndGet();
        Map<String, String> files = new HashMap<>(JobFixtures.PYTHON_REPO);
        if (config != null) {
            files.put(".github/selfcode.yml", config);
        }
        fake.createRepo(name, files);
        fake.setPermission(name, "maintainer", "write");
        fake.setPermission(name, "visitor", "read");
        return name;
    }

    Instant ago(Duration d) {
        return clock.instant().minus(d).truncatedTo(ChronoUnit.MILLIS);
    }

    /** Comments as {@code user}, delivers the webhook, and returns what Selfcode answered to that comment. */
    List<FakeComment> say(String repo, int issue, String user, String text) {
        List<Long> before = fake.comments(repo, issue).stream().map(FakeComment::id).toList();
        FakeComment comment = fake.addComment(repo, issue, text, user);
        Webhooks.post(Webhooks.issueComment(fake, comment, false)).then().statusCode(200);
        return fake.comments(repo, issue).stream()
                .filter(c -> c.id() != comment.id() && !before.contains(c.id())).toList();
    }

    @Test
    void overThePatchBudgetACommandGetsOneReplyWithTheCountAndTheResetTime() {
        String repo = newRepo(null);
        Instant oldest = ago(Duration.ofHours(20));
        for (int i = 0; i < 10; i++) {
            attempt(repo, PatchAttempt.REVERT, oldest.plus(Duration.ofMinutes(i)));
        }
        // Rejections, but the breaker is reset: this test is about the budget.
        guardrails.reset(repo, RepoLimits.serverDefaults(config()), "test");
        int issue = fake.createIssue(repo, "Multiply", "", "maintainer");

        List<FakeComment> replies = say(repo, issue, "maintainer", "/selfcode add a multiply helper");

        assertThat(replies).singleElement().extracting(FakeComment::body).asString()
                .contains("10 patch attempts in the last 24 hours").contains("`max_patches_per_day` is 10")
                .contains(UTC.format(oldest.plus(Duration.ofHours(24))));
        assertThat(JobFixtures.jobs(repo)).isEmpty();
        assertThat(fake.reactions(repo)).isEmpty();
        assertThat(skips(repo)).singleElement().satisfies(s -> assertThat(s.trigger).isEqualTo("comment"));
    }

    @Test
    void overTheTokenBudgetTheTriggerLabelGetsOneReply() {
        String repo = newRepo(null);
        Instant first = ago(Duration.ofHours(23));
        call(repo, 150_000, first);
        call(repo, 60_000, ago(Duration.ofHours(1)));
        int issue = fake.createIssue(repo, "Add a multiply helper", "", "maintainer");

        Webhooks.post(Webhooks.issueLabeled(fake, repo, issue, "Add a multiply helper", "", "selfcode", "maintainer"))
                .then().statusCode(200);

        assertThat(fake.comments(repo, issue)).singleElement().extracting(FakeComment::body).asString()
                .contains("210000 LLM tokens in the last 24 hours").contains("`max_tokens_per_day` is 200000")
                .contains(UTC.format(first.plus(Duration.ofHours(24))));
        assertThat(JobFixtures.jobs(repo)).isEmpty();
    }

    @Test
    void tooManyOpenPullRequestsAreNamed() {
        String repo = newRepo("max_open_prs: 2\n");
        attempt(repo, PatchAttempt.KEEP, ago(Duration.ofDays(3)), 5, null);
        attempt(repo, PatchAttempt.KEEP, ago(Duration.ofDays(2)), 8, null);
        int issue = fake.createIssue(repo, "Multiply", "", "maintainer");

        assertThat(say(repo, issue, "maintainer", "/selfcode add a multiply helper")).singleElement()
                .extracting(FakeComment::body).asString().contains("2 open Selfcode pull requests").contains("#5, #8")
                .contains("`max_open_prs` is 2").contains("merged or closed");
        assertThat(JobFixtures.jobs(repo)).isEmpty();
    }

    @Test
    void aRepoValueAboveTheServerCapIsClampedAndTheReplySaysSo() {
        String repo = newRepo("max_patches_per_day: 500\n");
        int cap = config().caps().maxPatchesPerDay();
        for (int i = 0; i < cap; i++) {
            attempt(repo, PatchAttempt.KEEP, ago(Duration.ofHours(10).minusMinutes(i)));
        }
        int issue = fake.createIssue(repo, "Multiply", "", "maintainer");

        assertThat(say(repo, issue, "maintainer", "/selfcode add a multiply helper")).singleElement()
                .extracting(FakeComment::body).asString().contains("`max_patches_per_day` is " + cap)
                .contains("asks for 500; this server allows at most " + cap);
        assertThat(JobFixtures.jobs(repo)).isEmpty();
    }

    @Test
    void aBadGuardrailValueIsACommentWithTheLineAndNoJob() {
        String repo = newRepo("lint: flake8\nbreaker: 0\n");
        int issue = fake.createIssue(repo, "Multiply", "", "maintainer");

        assertThat(say(repo, issue, "maintainer", "/selfcode add a multiply helper")).singleElement()
                .extracting(FakeComment::body).asString()
                .contains(".github/selfcode.yml line 2: breaker must be at least 1, not 0");
        assertThat(JobFixtures.jobs(repo)).isEmpty();
    }

    @Test
    void anOpenBreakerGivesEachCommandOneShortReplyAndOnlyAWriterResetsIt() {
        String repo = newRepo("lint: flake8 --select=F calc.py\nbreaker: 2\n");
        attempt(repo, PatchAttempt.REVERT, ago(Duration.ofHours(30)));
        attempt(repo, PatchAttempt.REVERT, ago(Duration.ofHours(29)));
        int issue = fake.createIssue(repo, "Multiply", "", "maintainer");

        for (int i = 0; i < 2; i++) {
            assertThat(say(repo, issue, "maintainer", "/selfcode add a multiply helper")).singleElement()
                    .extracting(FakeComment::body).asString().contains("circuit breaker is open")
                    .contains("2 rejected or rolled-back patches in a row").contains("`/selfcode reset`");
        }
        assertThat(JobFixtures.jobs(repo)).isEmpty();

        assertThat(say(repo, issue, "visitor", "/selfcode reset")).singleElement().extracting(FakeComment::body)
                .asString().contains("@visitor").contains("only people with write access");
        assertThat(say(repo, issue, "maintainer", "/selfcode add a multiply helper")).singleElement()
                .extracting(FakeComment::body).asString().contains("circuit breaker is open");

        assertThat(say(repo, issue, "maintainer", "/selfcode reset the parser")).singleElement()
                .extracting(FakeComment::body).asString().contains("takes no arguments").contains("/selfcode patch reset");
        assertThat(say(repo, issue, "maintainer", "/selfcode reset")).singleElement().extracting(FakeComment::body)
                .asString().contains("Circuit breaker reset by @maintainer").contains("after 2 rejected");

        // Queued again; the explicit command name is how a description may start with "reset".
        assertThat(say(repo, issue, "maintainer", "/selfcode patch reset the counter in calc.py")).isEmpty();
        assertThat(JobFixtures.jobs(repo)).singleElement()
                .satisfies(
                        j -> assertThat(PatchJob.fromJson(j.payload).description()).isEqualTo("reset the counter in calc.py"));
        assertThat(say(repo, issue, "maintainer", "/selfcode reset")).singleElement().extracting(FakeComment::body)
                .asString().contains("was not open (0 of 2");
    }

    private static List<GuardrailSkip> skips(String repo) {
        return QuarkusTransaction.requiringNew().call(() -> GuardrailSkip.<GuardrailSkip>list("repo", repo));
    }

    private static dev.selfcode.config.SelfcodeConfig.Guardrails config() {
        return io.quarkus.arc.Arc.container().instance(dev.selfcode.config.SelfcodeConfig.class).get().guardrails();
    }
}
