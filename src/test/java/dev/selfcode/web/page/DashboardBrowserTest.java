package dev.selfcode.web.page;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

import dev.selfcode.github.PatchesForTheDashboard;
import dev.selfcode.job.JobWorker;
import dev.selfcode.metrics.MetricSample;
import dev.selfcode.metrics.PatchAttempt;
import dev.selfcode.testing.FakeGitHub;
import dev.selfcode.testing.GitHubLoginResource;
import dev.selfcode.testing.InjectFakeGitHub;
import dev.selfcode.testing.OpenAiStubResource;
import dev.selfcode.text.Text;

/**
 * The dashboard in headless chromium over real patches: two patch jobs (one kept and merged, one reverted) run
 * through the webhook, the queue, the LLM stub and the Docker sandbox; then the overview, the repository page and
 * the patch page are opened as the admin token, with JavaScript on and off, at a phone's width and in dark mode.
 * Screenshots of each go to target/screenshots/. Runs with -Pbrowser (see {@link Browser#enabled()}).
 */
@QuarkusTest
@WithTestResource(GitHubLoginResource.class)
@WithTestResource(OpenAiStubResource.class)
@EnabledIf("dev.selfcode.web.page.Browser#enabled")
class DashboardBrowserTest {

    private static final String TOKEN = "test-admin-token";
    private static final String REPO = "octo/dashboard";
    private static Long kept;
    private static Long reverted;
    private static Throwable fillFailed;

    @InjectFakeGitHub
    FakeGitHub fake;
    @Inject
    JobWorker worker;
    @TestHTTPResource("/")
    URL root;

    @BeforeEach
    void realPatches() throws Exception {
        Browser.requireChromium();
        if (fillFailed != null) {
            throw new IllegalStateException("the patches for the dashboard could not be made", fillFailed);
        }
        if (kept == null) {
            try {
                PatchesForTheDashboard.repo(fake, REPO);
                kept = PatchesForTheDashboard.keptAndMerged(fake, OpenAiStubResource.stub(), worker, REPO);
                reverted = PatchesForTheDashboard.reverted(fake, OpenAiStubResource.stub(), worker, REPO);
            } catch (Exception | AssertionError e) {
                fillFailed = e;
                throw e;
            }
        }
    }

    String base() {
        String url = root.toString();
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    @Test
    void theOverviewCountsWhatTheDatabaseHolds() {
        long keptWeek = count("decision = 'KEEP'");
        long revertedWeek = count("decision = 'REVERT' and failureStage is null");
        try (Browser b = Browser.open(base(), true).bearer(TOKEN)) {
            b.get("/");
            assertThat(b.text("#kept")).isEqualTo(String.valueOf(keptWeek));
            assertThat(b.text("#reverted")).isEqualTo(String.valueOf(revertedWeek));
            assertThat(b.all("table.repos tr[data-repo='" + REPO + "']")).hasSize(1);
            b.screenshot("overview");
        }
    }

    @Test
    void theRepoChartHasOnePointPerSampleAndMarksTheMerge() {
        long samples = QuarkusTransaction.requiringNew().call(() -> MetricSample.count("repo", REPO));
        assertThat(samples).isPositive();
        try (Browser b = Browser.open(base(), true).bearer(TOKEN)) {
            b.get("/repos/" + REPO);
            assertThat(b.awaitAttribute("#chart-roi", "data-points")).isEqualTo(String.valueOf(samples));
            assertThat(b.awaitAttribute("#chart-errors", "data-points")).isEqualTo(String.valueOf(samples));
            assertThat(b.all("#chart-roi canvas")).isNotEmpty();
            assertThat(b.all("table.samples tbody tr")).hasSize((int) samples);
            assertThat(b.all("table.events tbody tr[data-kind='merged']")).extracting(WebElement::getText)
                    .singleElement().asString().contains("#" + kept);
            b.screenshot("repo");
        }
    }

    @Test
    void thePatchPageShowsTheDecisionTableAsRecordedAndTheDiff() {
        PatchAttempt a = QuarkusTransaction.requiringNew().call(() -> PatchAttempt.<PatchAttempt>findById(reverted));
        try (Browser b = Browser.open(base(), true).bearer(TOKEN)) {
            b.get("/patches/" + reverted);
            assertThat(b.text("#decision")).isEqualTo("REVERT");
            JsonNode recorded = rows(a.decisionTable);
            assertThat(b.all("table.decision-table tbody tr")).hasSize(recorded.size());
            for (JsonNode r : recorded) {
                String metric = r.get("metric").asText();
                List<WebElement> cells = b.one("table.decision-table tr[data-metric='" + metric + "']")
                        .findElements(By.tagName("td"));
                assertThat(cells.get(1).getText()).as(metric + " base").isEqualTo(Text.fixed(r.get("base").asDouble()));
                assertThat(cells.get(2).getText()).as(metric + " candidate")
                        .startsWith(Text.fixed(r.get("candidate").asDouble()));
                assertThat(cells.get(3).getText()).as(metric + " delta").isEqualTo(Text.signed(r.get("delta").asDouble()));
            }
            // The same numbers as the row's own columns.
            assertThat(b.one("table.decision-table tr[data-metric='errors'] td:nth-child(2)").getText())
                    .isEqualTo(Text.fixed(a.errorsBefore));
            assertThat(b.one("table.decision-table tr[data-metric='errors'] td:nth-child(4)").getText())
                    .isEqualTo(Text.signed(a.errorsDelta));
            assertThat(b.one("table.decision-table tr[data-metric='errors'] .fired").getText()).isEqualTo("revert");
            assertThat(b.all("#diff span.add")).extracting(WebElement::getText)
                    .anySatisfy(line -> assertThat(line).contains("def subtract"));
            assertThat(b.style("#diff span.add", "background-color")).isNotEqualTo(b.style("#diff span.ctx",
                    "background-color"));
            assertThat(b.all("#timings .fill")).isNotEmpty();
            assertThat(b.text("pre.prompt")).contains("calc.py");
            b.screenshot("patch-reverted");
            b.get("/patches/" + kept);
            assertThat(b.text("#decision")).isEqualTo("KEEP");
            assertThat(b.text("#pull")).contains("merged");
            b.screenshot("patch-kept");
        }
    }

    @Test
    void everyPageReadsWithoutJavaScript() {
        long samples = QuarkusTransaction.requiringNew().call(() -> MetricSample.count("repo", REPO));
        PatchAttempt a = QuarkusTransaction.requiringNew().call(() -> PatchAttempt.<PatchAttempt>findById(reverted));
        try (Browser b = Browser.open(base(), false).bearer(TOKEN)) {
            b.get("/repos/" + REPO);
            assertThat(b.all("table.samples tbody tr")).hasSize((int) samples);
            assertThat(b.one("#chart-roi").getDomAttribute("data-drawn")).as("no script ran").isNull();
            assertThat(b.all("#chart-roi canvas")).isEmpty();
            b.screenshot("repo-no-javascript");
            b.get("/patches/" + reverted);
            assertThat(b.all("table.decision-table tbody tr")).hasSize(rows(a.decisionTable).size());
            assertThat(b.text("#diff")).contains("def subtract");
            b.screenshot("patch-no-javascript");
        }
    }

    @Test
    void atAPhonesWidthOnlyTablesScrollSideways() {
        try (Browser b = Browser.open(base(), true).bearer(TOKEN).phone(390)) {
            for (String page : List.of("/", "/repos/" + REPO, "/patches/" + reverted, "/jobs", "/sweeps")) {
                b.get(page);
                Number page_ = (Number) b.script("return document.documentElement.scrollWidth");
                Number viewport = (Number) b.script("return window.innerWidth");
                assertThat(viewport.intValue()).isEqualTo(390);
                assertThat(page_.intValue()).as(page + " is no wider than the screen").isLessThanOrEqualTo(390);
            }
            b.get("/");
            b.screenshot("overview-phone");
            b.get("/patches/" + reverted);
            b.screenshot("patch-phone");
        }
    }

    @Test
    void darkModeFollowsTheSystem() {
        try (Browser b = Browser.open(base(), true).bearer(TOKEN)) {
            b.colorScheme("light").get("/patches/" + reverted);
            assertThat(b.style("body", "background-color")).isEqualTo("rgba(255, 255, 255, 1)");
            b.colorScheme("dark").get("/patches/" + reverted);
            assertThat(b.style("body", "background-color")).isEqualTo("rgba(13, 17, 23, 1)");
            b.screenshot("patch-dark");
            b.get("/repos/" + REPO);
            b.awaitAttribute("#chart-roi", "data-drawn");
            b.screenshot("repo-dark");
        }
    }

    @Test
    void anAnonymousVisitorIsSentToTheLoginPage() {
        try (Browser b = Browser.open(base(), true)) {
            for (String page : List.of("/", "/repos/" + REPO, "/patches/" + kept, "/jobs", "/sweeps")) {
                b.get(page);
                assertThat(b.currentPath()).as(page).startsWith("/login");
            }
        }
    }

    @Test
    void theFullGitHubLoginInTheBrowserLandsOnThePageAsked() {
        fake.signInBrowser("maintainer"); // GitHub's own page would ask; the fake approves this login at once
        try (Browser b = Browser.open(base(), true)) {
            b.get("/repos/" + REPO);
            assertThat(b.currentPath()).startsWith("/login?next=");
            b.screenshot("login");
            b.one("#github-login").click(); // our link, GitHub's authorize page, back with a code, the session
            assertThat(b.currentPath()).isEqualTo("/repos/" + REPO);
            assertThat(b.text("#who")).contains("maintainer");
            assertThat(b.all("#chart-roi")).hasSize(1);
            assertThat(fake.requests()).anyMatch(r -> r.path().equals("/login/oauth/access_token"));
            b.screenshot("repo-after-github-login");
        }
    }

    /** The decision rows as the engine stored them (JSON; an unbounded interval is written as Infinity). */
    private static JsonNode rows(String decisionTable) {
        try {
            return new ObjectMapper().enable(JsonParser.Feature.ALLOW_NON_NUMERIC_NUMBERS).readTree(decisionTable);
        } catch (Exception e) {
            throw new IllegalStateException("unreadable decision_table: " + decisionTable, e);
        }
    }

    private static long count(String where) {
        return QuarkusTransaction.requiringNew().call(() -> PatchAttempt.count("repo = ?1 and " + where, REPO));
    }
}
