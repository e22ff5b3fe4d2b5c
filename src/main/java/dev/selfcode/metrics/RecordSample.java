package dev.selfcode.metrics;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import dev.selfcode.sandbox.Evaluation;
import dev.selfcode.sandbox.ModuleError;
import dev.selfcode.text.Text;

/** Writes a measured commit's metric sample and its per-module errors, in one transaction of its own. */
@ApplicationScoped
class RecordSample {

    /** Records the sample unless the commit has one; false when it had. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    boolean record(String repo, String sha, Metrics m, Evaluation e) {
        if (MetricSample.exists(repo, sha)) {
            return false;
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
        for (ModuleError error : e.moduleErrors()) {
            ModuleErrorSample row = new ModuleErrorSample();
            row.repo = repo;
            row.sampleId = s.id;
            row.file = Text.shorten(error.file(), ModuleErrorSample.MAX_FILE - 1, "…");
            row.function = error.function() == null
                    ? null
                    : Text.shorten(error.function(), ModuleErrorSample.MAX_FUNCTION - 1, "…");
            row.lintFindings = error.lintFindings();
            row.testFailures = error.testFailures();
            row.persist();
        }
        return true;
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    boolean exists(String repo, String sha) {
        return MetricSample.exists(repo, sha);
    }
}
