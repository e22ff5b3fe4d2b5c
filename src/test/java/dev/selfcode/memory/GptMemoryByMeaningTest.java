package dev.selfcode.memory;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

/**
 * GptMemory by meaning, against MariaDB and the real in-process embedding model: ranking by cosine (keywords for rows
 * without a vector), tags, duplicates, and folding old rows without making the budgets forget.
 */
@QuarkusTest
class GptMemoryByMeaningTest {

    static final String REPO = "acme/meaning";

    @Inject
    GptMemory memory;

    @BeforeEach
    void clean() {
        QuarkusTransaction.requiringNew().run(() -> GptInteraction.deleteAll());
    }

    private long log(String subject, String tag) {
        return memory.log(new GptMemory.Interaction(GptInteraction.GENERATE, REPO, "gpt-test",
                "You write one helper.\n" + subject, "```python\npass\n```", null, 100, 20, 5,
                List.of("lang:python", tag), subject));
    }

    private static GptInteraction row(long id) {
        return QuarkusTransaction.requiringNew().call(() -> GptInteraction.<GptInteraction>findById(id));
    }

    @Test
    void aParaphraseWithNoSharedWordRanksAboveAnUnrelatedEntry() {
        long started = System.nanoTime();
        long temperature = log("convert a temperature from celsius to fahrenheit", GptMemory.IMPROVEMENT_PATH);
        long pulls = log("open a pull request on github with the diff", GptMemory.IMPROVEMENT_PATH);
        for (int i = 0; i < 20; i++) {
            log("an unrelated request about parsing configuration files, number " + i, GptMemory.INSIGHT);
        }
        long logged = System.nanoTime();
        String query = "turn degrees centigrade into the imperial heat scale";
        assertThat(Keywords.similarity(Keywords.of(query), Keywords.of("convert a temperature from celsius to"
                + " fahrenheit"))).as("no word in common").isZero();

        List<GptMemory.Match> matches = memory.similar(REPO, query, Set.of(), 5);
        System.out.printf("log with embedding: %.1f ms each (22, model loaded by the first); similar over 22: %.1f ms%n",
                (logged - started) / 22e6, (System.nanoTime() - logged) / 1e6);

        assertThat(matches).isNotEmpty();
        assertThat(matches.get(0).interaction().id).isEqualTo(temperature);
        double unrelated = matches.stream().filter(m -> m.interaction().id == pulls).mapToDouble(GptMemory.Match::score)
                .findFirst().orElse(0);
        System.out.printf("similar by meaning: paraphrase %.3f, unrelated %.3f%n", matches.get(0).score(), unrelated);
        assertThat(matches.get(0).score()).isGreaterThan(unrelated);
    }

    @Test
    void whatACallWasAboutIsStoredRedactedAndRanksIt() {
        String token = "ghp_" + "a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8";
        long id = memory.log(new GptMemory.Interaction(GptInteraction.GENERATE, REPO, "m", "You write one helper.",
                null, null, 1, 1, 1, List.of()));
        byte[] before = row(id).embedding;

        memory.linkToPatch(id, 77, "retry the upload with token " + token + " when the server is busy");

        GptInteraction linked = row(id);
        assertThat(linked.patchId).isEqualTo(77);
        assertThat(linked.subject).doesNotContain(token).contains("retry the upload");
        assertThat(linked.embedding).isNotNull().isNotEqualTo(before);
        assertThat(memory.similar(REPO, "send the file again if the host is overloaded", Set.of(), 1))
                .singleElement().satisfies(m -> assertThat(m.interaction().id).isEqualTo(id));
    }

    @Test
    void tagsFilterAndRowsWithoutAVectorAreMatchedByKeywords() {
        long fix = log("fix the crash when the list of orders is empty", GptMemory.ERROR_FIX);
        long path = log("speed up the report of monthly orders", GptMemory.IMPROVEMENT_PATH);
        // A row from before memory by meaning: no vector, so shared keywords rank it.
        long old = memory.log(new GptMemory.Interaction("generate", REPO, "m", "summarize the monthly orders report",
                null, null, 1, 1, 1, List.of(GptMemory.INSIGHT)));
        QuarkusTransaction.requiringNew().run(() -> GptInteraction.update("embedding = null where id = ?1", old));

        assertThat(memory.similar(REPO, "orders crash on an empty list", List.of(GptMemory.ERROR_FIX), 5))
                .extracting(m -> m.interaction().id).containsExactly(fix);
        assertThat(memory.similar(REPO, "monthly orders report", List.of(GptMemory.INSIGHT), 5))
                .singleElement().satisfies(m -> {
                    assertThat(m.interaction().id).isEqualTo(old);
                    assertThat(m.interaction().embedding).isNull();
                });
        assertThat(memory.similar(REPO, "monthly orders report", Set.of(), 5)).extracting(m -> m.interaction().id)
                .contains(path, old);
        assertThat(row(fix).tags).isEqualTo("lang:python,error_fix");
    }

    @Test
    void theSameTextIsRememberedOnceButItsTokensStillCount() {
        long first = log("normalize the text", GptMemory.IMPROVEMENT_PATH);
        long again = memory.log(new GptMemory.Interaction(GptInteraction.GENERATE, REPO, "gpt-test",
                "  You write ONE helper.\n\n normalize the   text ", "```python\npass\n```", null, 100, 20, 5,
                List.of("lang:python"), "normalize the text"));
        long otherTag = log("normalize the text", GptMemory.ERROR_FIX);

        assertThat(row(again).duplicateOf).isEqualTo(first);
        assertThat(row(again).embedding).isNull();
        assertThat(row(again).promptTokens).isEqualTo(100);
        assertThat(row(otherTag).duplicateOf).isNull();
        assertThat(memory.similar(REPO, "normalize text", Set.of(GptMemory.IMPROVEMENT_PATH), 5))
                .extracting(m -> m.interaction().id).containsExactly(first);
        assertThat(tokensInBudgetWindow()).isEqualTo(3 * 120);
    }

    @Test
    void oldRowsFoldIntoASummaryThatKeepsPatchLinksAndBudgetsForgetNothing() {
        Instant now = Instant.now();
        long[] old = new long[6];
        for (int i = 0; i < old.length; i++) {
            old[i] = insert("old request number " + i, now.minus(Duration.ofDays(10 - i)), 1000L + i,
                    i == 5 ? "KEEP" : "REVERT");
        }
        long untouchedPending = insert("a request from 30 hours ago", now.minus(Duration.ofHours(30)), null, null);
        long recent1 = insert("recent request one", now.minus(Duration.ofMinutes(50)), 2001L, "REVERT");
        long recent2 = insert("recent request two", now.minus(Duration.ofMinutes(10)), null, null);
        long duplicate = memory.log(new GptMemory.Interaction(GptInteraction.GENERATE, REPO, "m",
                "old request number 0", null, null, 7, 0, 1, List.of(GptMemory.IMPROVEMENT_PATH)));
        assertThat(row(duplicate).duplicateOf).isEqualTo(old[0]);
        long budgetBefore = tokensInBudgetWindow();

        int folded = memory.compact(REPO, GptMemory.IMPROVEMENT_PATH, 2);

        // Newest two kept; the KEEP row (its PR may still merge) and the one inside fold-after (48h) stay whole.
        assertThat(folded).isEqualTo(5);
        assertThat(tokensInBudgetWindow()).isEqualTo(budgetBefore);
        for (long id : List.of(old[5], untouchedPending, recent1, recent2)) {
            assertThat(row(id)).as("row %d", id).isNotNull();
        }
        for (int i = 0; i < 5; i++) {
            assertThat(row(old[i])).isNull();
        }
        GptInteraction summary = QuarkusTransaction.requiringNew().call(() -> GptInteraction
                .<GptInteraction>find("repo = ?1 and purpose = ?2", REPO, GptMemory.SUMMARY).singleResult());
        assertThat(summary.folded).isEqualTo(5);
        assertThat(summary.promptTokens).isNull();
        assertThat(summary.createdAt).isBefore(now.minus(Duration.ofDays(5)));
        assertThat(summary.prompt).startsWith("Summary of 5 earlier improvement_path interactions")
                .contains("patch #1000 REVERT: old request number 0").contains("patch #1004 REVERT");
        assertThat(summary.embedding).isNotNull();
        assertThat(row(duplicate).duplicateOf).isEqualTo(summary.id);
        assertThat(memory.recordOutcome(1005, "merged")).isEqualTo(1);
        assertThat(memory.similar(REPO, "old request number", Set.of(GptMemory.IMPROVEMENT_PATH), 10))
                .extracting(m -> m.interaction().id).contains(summary.id);
        // Once its pull request is merged, the kept row's outcome is final: the next fold takes it.
        assertThat(memory.compact(REPO, GptMemory.IMPROVEMENT_PATH, 2)).isEqualTo(1);
        assertThat(row(old[5])).isNull();
        assertThat(memory.compact(REPO, GptMemory.IMPROVEMENT_PATH, 2)).as("nothing more to fold").isZero();
    }

    private static long insert(String subject, Instant at, Long patchId, String outcome) {
        return QuarkusTransaction.requiringNew().call(() -> {
            GptInteraction g = new GptInteraction();
            g.repo = REPO;
            g.purpose = GptInteraction.GENERATE;
            g.prompt = subject;
            g.subject = subject;
            g.tags = "lang:python," + GptMemory.IMPROVEMENT_PATH;
            g.textHash = GptMemory.textHash(GptMemory.IMPROVEMENT_PATH, subject, null);
            g.promptTokens = 300;
            g.completionTokens = 30;
            g.patchId = patchId;
            g.outcome = outcome;
            g.createdAt = at;
            g.persist();
            return g.id;
        });
    }

    /** What guardrail/BudgetCounts sums: tokens of the repository's calls in the last 24 hours. */
    private static long tokensInBudgetWindow() {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) GptInteraction.getEntityManager()
                .createQuery("select coalesce(sum(coalesce(g.promptTokens, 0) + coalesce(g.completionTokens, 0)), 0)"
                        + " from GptInteraction g where g.repo = :repo and g.createdAt > :since")
                .setParameter("repo", REPO).setParameter("since", Instant.now().minus(Duration.ofHours(24)))
                .getSingleResult()).longValue());
    }
}
