package dev.selfcode.metrics;

import java.time.Instant;
import java.util.List;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** One measured commit of a repository: a point of the series the TrendPredictor reads. */
@Entity
@Table(name = "metric_sample")
public class MetricSample extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public String repo;
    public String sha;
    public double roi;
    public double errors;
    public double complexity;
    @Column(name = "tests_passed")
    public int testsPassed;
    @Column(name = "tests_failed")
    public int testsFailed;
    @Column(name = "tests_errored")
    public int testsErrored;
    @Column(name = "tests_skipped")
    public int testsSkipped;
    @Column(name = "lint_findings")
    public int lintFindings;
    public Double coverage;
    @Column(name = "cpu_seconds")
    public Double cpuSeconds;
    @Column(name = "peak_memory")
    public Long peakMemory;
    @Column(name = "wall_seconds")
    public Double wallSeconds;
    @Column(name = "sampled_at")
    public Instant sampledAt;

    /** The repository's samples, oldest first, at most {@code limit} of the newest. */
    public static List<MetricSample> recent(String repo, int limit) {
        List<MetricSample> newest = find("repo = ?1 order by sampledAt desc, id desc", repo).page(0, limit).list();
        List<MetricSample> oldestFirst = new java.util.ArrayList<>(newest);
        java.util.Collections.reverse(oldestFirst);
        return oldestFirst;
    }

    /** The newest {@code limit} samples taken at or before {@code at}, oldest first. */
    public static List<MetricSample> upTo(String repo, Instant at, int limit) {
        List<MetricSample> newest = find("repo = ?1 and sampledAt <= ?2 order by sampledAt desc, id desc", repo, at)
                .page(0, limit).list();
        List<MetricSample> oldestFirst = new java.util.ArrayList<>(newest);
        java.util.Collections.reverse(oldestFirst);
        return oldestFirst;
    }

    /** The first {@code limit} samples taken after {@code at}, oldest first. */
    public static List<MetricSample> after(String repo, Instant at, int limit) {
        return find("repo = ?1 and sampledAt > ?2 order by sampledAt, id", repo, at).page(0, limit).list();
    }

    public static boolean exists(String repo, String sha) {
        return count("repo = ?1 and sha = ?2", repo, sha) > 0;
    }
}
