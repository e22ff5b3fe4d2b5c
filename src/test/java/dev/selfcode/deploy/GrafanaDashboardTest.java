package dev.selfcode.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;

import org.junit.jupiter.api.Test;

/**
 * The dashboard's structure and the checker that {@code JobMetricsTest} runs against a live {@code /q/metrics}: its
 * tokenizer, and that it fails on an unknown metric and on a dashboard with nothing to check.
 */
class GrafanaDashboardTest {

    /** A scrape's worth of series: what the made-up dashboards below are checked against. */
    private static final String SCRAPE = """
            # HELP selfcode_jobs jobs in the queue by state
            # TYPE selfcode_jobs gauge
            selfcode_jobs{state="queued"} 2.0
            # TYPE selfcode_deliveries counter
            selfcode_deliveries_total{result="received"} 3.0
            # TYPE selfcode_job_duration_seconds histogram
            selfcode_job_duration_seconds_bucket{kind="patch",outcome="succeeded",le="1.0"} 0
            selfcode_job_duration_seconds_count{kind="patch",outcome="succeeded"} 1
            selfcode_job_duration_seconds_sum{kind="patch",outcome="succeeded"} 12.5
            selfcode_job_duration_seconds_max 12.5
            """;

    @Test
    void theRepositorysDashboardHasTheStructureGrafanaImports() {
        GrafanaDashboard dashboard = GrafanaDashboard.read();

        assertThat(dashboard.structureProblems()).isEmpty();
        assertThat(dashboard.expressions()).hasSizeGreaterThanOrEqualTo(10);
        assertThat(dashboard.metricNames()).contains("selfcode_deliveries_total", "selfcode_jobs",
                "selfcode_job_duration_seconds_bucket", "selfcode_sandbox_evaluation_seconds_bucket",
                "selfcode_decisions_total", "selfcode_llm_tokens_total", "selfcode_github_api_calls_total",
                "selfcode_github_rate_limit_remaining");
    }

    @Test
    void theExportedSeriesAreTheSampleNamesNotTheFamilies() {
        assertThat(GrafanaDashboard.exportedSeries(SCRAPE)).containsExactly("selfcode_deliveries_total",
                "selfcode_job_duration_seconds_bucket", "selfcode_job_duration_seconds_count",
                "selfcode_job_duration_seconds_max", "selfcode_job_duration_seconds_sum", "selfcode_jobs");
    }

    @Test
    void theTokenizerFindsMetricsAndSkipsFunctionsLabelsStringsAndDurations() {
        assertThat(PromQlMetricNames.of("histogram_quantile(0.95, sum by (le, kind) "
                + "(rate(selfcode_job_duration_seconds_bucket{kind=~\"patch|sweep\", le!=\"+Inf\"}[$__rate_interval])))"))
                .containsExactly("selfcode_job_duration_seconds_bucket");
        assertThat(PromQlMetricNames.of("sum(rate(a_sum[5m] offset 1h)) / on (instance) group_left (job) "
                + "sum without (pod) (rate(b_count[1h30m:1m])) > bool 0.5e3"))
                .containsExactly("a_sum", "b_count");
        assertThat(PromQlMetricNames.of("{__name__=\"selfcode_jobs\", state=\"by (x)\"} or vector(0)"))
                .containsExactly("selfcode_jobs");
        assertThat(PromQlMetricNames.of("max by (state) (selfcode_jobs) and ${DS_PROMETHEUS_x} # sum(nothing)"))
                .containsExactly("selfcode_jobs");
        assertThatThrownBy(() -> PromQlMetricNames.of("rat(selfcode_jobs[5m])")).hasMessageContaining("rat");
        assertThatThrownBy(() -> PromQlMetricNames.of("selfcode_jobs{state=\"queued}"))
                .hasMessageContaining("unclosed");
        assertThatThrownBy(() -> PromQlMetricNames.of("sum(rate(selfcode_jobs[5m])")).hasMessageContaining("unbalanced (");
        assertThatThrownBy(() -> PromQlMetricNames.of("sum(selfcode_jobs))")).hasMessageContaining("unbalanced )");
    }

    @Test
    void aMetricTheServerDoesNotExportFails() {
        GrafanaDashboard dashboard = GrafanaDashboard.parse(dashboard(
                panel(2, "rate(selfcode_deliveries_total[5m])") + "," + panel(3, "sum by (state) (selfcode_jobz)")));
        Set<String> exported = GrafanaDashboard.exportedSeries(SCRAPE);

        assertThat(dashboard.structureProblems()).isEmpty();
        assertThat(dashboard.problems(exported)).singleElement().asString()
                .startsWith("metric selfcode_jobz is not exported");
        // A counter's family name is not a series: Prometheus has only selfcode_deliveries_total.
        assertThat(GrafanaDashboard.parse(dashboard(panel(2, "rate(selfcode_deliveries[5m])"))).problems(exported))
                .singleElement().asString().startsWith("metric selfcode_deliveries is not exported");
    }

    @Test
    void aSelfcodeMetricNoPanelChartsIsReported() {
        GrafanaDashboard dashboard = GrafanaDashboard.parse(dashboard(panel(2,
                "histogram_quantile(0.5, sum by (le) (rate(selfcode_job_duration_seconds_bucket[5m])))")));

        assertThat(dashboard.uncharted(GrafanaDashboard.exportedSeries(SCRAPE + "jvm_threads_live_threads 9\n")))
                .containsExactly("selfcode_deliveries_total", "selfcode_jobs");
    }

    @Test
    void aDashboardWithNothingToCheckFails() {
        assertThat(GrafanaDashboard.parse(dashboard("")).problems(Set.of())).contains("no panels",
                "no PromQL expressions");
        assertThat(GrafanaDashboard.parse(dashboard(panel(2, " "))).problems(Set.of())).contains(
                "panel 2 (p2): a query without expr", "no PromQL expressions");
    }

    @Test
    void aPanelOffTheDatasourceVariableOrWithADuplicateIdFails() {
        String fixed = panel(2, "selfcode_jobs").replace("${DS_PROMETHEUS}", "P1809F7CD0C75ACF3");
        assertThat(GrafanaDashboard.parse(dashboard(fixed + "," + panel(2, "selfcode_jobs"))).structureProblems())
                .containsExactly("panel 2 (p2): datasource is not ${DS_PROMETHEUS}",
                        "panel 2 (p2): a query's datasource is not ${DS_PROMETHEUS}",
                        "panel 2 (p2): missing or duplicate id");
        assertThat(GrafanaDashboard.parse(dashboard(panel(2, "selfcode_jobs").replace("\"w\": 12", "\"w\": 30")))
                .structureProblems()).containsExactly("panel 2 (p2): gridPos needs h, w, x, y within 24 columns");
    }

    private static String dashboard(String panels) {
        return """
                {"title": "t", "uid": "u", "schemaVersion": 39,
                 "templating": {"list": [{"name": "DS_PROMETHEUS", "type": "datasource", "query": "prometheus"}]},
                 "panels": [%s]}
                """.formatted(panels);
    }

    private static String panel(int id, String expr) {
        return """
                {"id": %d, "type": "timeseries", "title": "p%d",
                 "datasource": {"type": "prometheus", "uid": "${DS_PROMETHEUS}"},
                 "gridPos": {"h": 8, "w": 12, "x": 0, "y": 0},
                 "targets": [{"refId": "A", "datasource": {"type": "prometheus", "uid": "${DS_PROMETHEUS}"},
                              "expr": "%s"}]}
                """.formatted(id, id, expr.replace("\"", "\\\""));
    }
}
