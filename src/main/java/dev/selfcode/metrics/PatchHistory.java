package dev.selfcode.metrics;

import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import dev.selfcode.sandbox.Evaluation;

/** Records every patch attempt and the metric samples the trend is read from. */
@ApplicationScoped
public class PatchHistory {

    @Inject
    RecordSample samples;

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

    /**
     * Adds a sample for a measured commit with the errors its evaluation attributed to modules, once per commit: a
     * commit measured again (the default branch unchanged since the last sweep, the base of a second patch) adds
     * nothing.
     */
    public void sample(String repo, String sha, Metrics m, Evaluation e) {
        try {
            samples.record(repo, sha, m, e);
        } catch (RuntimeException ex) {
            // Another process recorded the same commit at the same moment and the unique key refused this one.
            if (!samples.exists(repo, sha)) {
                throw ex;
            }
        }
    }
}
