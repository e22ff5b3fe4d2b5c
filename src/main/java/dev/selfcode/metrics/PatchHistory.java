package dev.selfcode.metrics;

import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import dev.selfcode.sandbox.Evaluation;

/** Records every patch attempt and the metric samples the trend is read from. */
@ApplicationScoped
public class PatchHistory {

    /** Opens a PENDING attempt and returns its id (used in the branch name). */
    @Transactional
    public long open(String repo, String filePath, String description, String trigger, Long jobId) {
        PatchAttempt a = new PatchAttempt();
        a.repo = repo;
        a.filePath = filePath;
        a.description = description;
        a.trigger = trigger;
        a.jobId = jobId;
        a.decision = PatchAttempt.PENDING;
        a.createdAt = Instant.now();
        a.persist();
        return a.id;
    }

    @Transactional
    public void update(long id, Consumer<PatchAttempt> change) {
        PatchAttempt a = PatchAttempt.findById(id);
        if (a == null) {
            throw new IllegalStateException("no patch attempt " + id);
        }
        change.accept(a);
    }

    @Transactional
    public PatchAttempt get(long id) {
        return PatchAttempt.findById(id);
    }

    @Transactional
    public List<PatchAttempt> newest(String repo, int limit) {
        return PatchAttempt.newest(repo, limit);
    }

    /** The repository's recorded metrics, oldest first. */
    @Transactional
    public List<Metrics> trend(String repo, int limit) {
        return MetricSample.recent(repo, limit).stream()
                .map(s -> new Metrics(s.roi, s.errors, s.complexity, null)).toList();
    }

    /** Adds a sample for a measured commit, once per commit. */
    @Transactional
    public void sample(String repo, String sha, Metrics m, Evaluation e) {
        if (MetricSample.exists(repo, sha)) {
            return;
        }
        MetricSample s = new MetricSample();
        s.repo = repo;
        s.sha = sha;
        s.roi = m.roi();
        s.errors = m.errors();
        s.complexity = m.complexity();
        s.testsPassed = e.passed();
        s.testsFailed = e.failed();
        s.testsErrored = e.errored();
        s.testsSkipped = e.skipped();
        s.lintFindings = e.lintFindings();
        s.coverage = e.coverage().orElse(null);
        s.cpuSeconds = e.cpuSeconds();
        s.peakMemory = e.peakMemoryBytes();
        s.wallSeconds = e.wallSeconds();
        s.sampledAt = Instant.now();
        s.persist();
    }
}
