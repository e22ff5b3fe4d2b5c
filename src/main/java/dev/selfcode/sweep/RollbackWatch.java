package dev.selfcode.sweep;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.selfcode.metrics.MetricSample;
import dev.selfcode.metrics.Metrics;
import dev.selfcode.metrics.PatchAttempt;
import dev.selfcode.metrics.TrendPredictor;

/**
 * Watches merged Selfcode patches: each new default-branch sample after a merge is judged against the trend before
 * it ({@link RollbackAssessment}); two bad samples in a row mark the patch for a revert, exactly once (a
 * compare-and-set on its state, so two workers judging the same sample start one revert). After
 * {@value #WATCHED_SAMPLES} samples without that verdict the watch ends.
 */
@ApplicationScoped
public class RollbackWatch {

    /** Samples after a merge that are judged; a patch good for this long is no longer watched. */
    public static final int WATCHED_SAMPLES = 10;

    public static final String WATCHING = "watching";
    public static final String REVERTING = "reverting";
    public static final String REVERTED = "reverted";
    public static final String EVIDENCE = "evidence";
    public static final String CLEARED = "cleared";

    private static final Logger LOG = Logger.getLogger(RollbackWatch.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    TrendPredictor trend;
    @Inject
    Clock clock;

    /** A patch the latest samples say to revert. */
    public record Due(WatchedMerge watch, RollbackAssessment.Verdict verdict) {
    }

    /**
     * Starts watching a merged patch; a second call for the same patch (a redelivered webhook) changes nothing.
     *
     * @param pullCommits the pull request's commit messages, oldest first
     */
    @Transactional
    public boolean watch(long patchId, String repo, Long installationId, Integer prNumber, String mergeSha,
            List<String> pullCommits, Instant mergedAt) {
        if (WatchedMerge.findById(patchId) != null) {
            return false;
        }
        WatchedMerge w = new WatchedMerge();
        w.patchId = patchId;
        w.repo = repo;
        w.installationId = installationId;
        w.prNumber = prNumber;
        w.mergeSha = mergeSha;
        w.pullCommits = toJson(pullCommits);
        w.mergedAt = mergedAt;
        w.state = WATCHING;
        w.updatedAt = clock.instant();
        w.persist();
        return true;
    }

    /** True when a merged patch of the repository is being watched (a push is then worth measuring). */
    @Transactional
    public boolean watching(String repo) {
        return WatchedMerge.count("repo = ?1 and state = ?2", repo, WATCHING) > 0;
    }

    @Transactional
    public Optional<WatchedMerge> find(long patchId) {
        return WatchedMerge.findByIdOptional(patchId);
    }

    /**
     * Judges every watched patch of the repository on the samples so far; returns those due for a revert (each
     * once: their state moves to {@value #REVERTING}). Ends the watch of patches good for
     * {@value #WATCHED_SAMPLES} samples.
     */
    @Transactional
    public List<Due> judge(String repo, double threshold) {
        List<Due> due = new ArrayList<>();
        List<WatchedMerge> watched = WatchedMerge.list("repo = ?1 and state = ?2 order by mergedAt", repo, WATCHING);
        for (WatchedMerge w : watched) {
            RollbackAssessment.Verdict verdict = assess(w, threshold);
            if (verdict.revert()) {
                if (move(w, WATCHING, REVERTING, verdict.summary() + "\n\n" + verdict.table())) {
                    LOG.infof("patch %d on %s is due for a revert: %s", w.patchId, repo, verdict.summary());
                    due.add(new Due(w, verdict));
                }
            } else if (verdict.checks().size() >= WATCHED_SAMPLES) {
                move(w, WATCHING, CLEARED, verdict.summary());
            }
        }
        return due;
    }

    /** The assessment of one watched patch on the samples so far. */
    @Transactional
    public RollbackAssessment.Verdict assess(WatchedMerge w, double threshold) {
        List<Metrics> before = MetricSample.upTo(w.repo, w.mergedAt, TrendPredictor.WINDOW).stream()
                .map(RollbackWatch::metrics).toList();
        List<Metrics> after = MetricSample.after(w.repo, w.mergedAt, WATCHED_SAMPLES).stream()
                .map(RollbackWatch::metrics).toList();
        return RollbackAssessment.assess(before, after, threshold, trend);
    }

    /** The revert was made ({@code revertPr} null for a local branch): the patch's outcome becomes "reverted". */
    @Transactional
    public void reverted(long patchId, String branch, Integer revertPr, String evidence) {
        WatchedMerge w = WatchedMerge.findById(patchId);
        if (w != null) {
            w.state = REVERTED;
            w.revertBranch = branch;
            w.revertPr = revertPr;
            w.verdict = append(w.verdict, evidence);
            w.updatedAt = clock.instant();
        }
        PatchAttempt.update("prOutcome = ?1 where id = ?2", PatchAttempt.ROLLED_BACK, patchId);
    }

    /** No revert could be made or measured; the evidence was posted instead. */
    @Transactional
    public void evidence(long patchId, String evidence) {
        WatchedMerge w = WatchedMerge.findById(patchId);
        if (w != null) {
            w.state = EVIDENCE;
            w.verdict = append(w.verdict, evidence);
            w.updatedAt = clock.instant();
        }
    }

    /** The pull request's commit messages recorded when the watch started. */
    public static List<String> pullCommits(WatchedMerge w) {
        if (w.pullCommits == null || w.pullCommits.isBlank()) {
            return List.of();
        }
        try {
            return JSON.readValue(w.pullCommits, new TypeReference<List<String>>() {
            });
        } catch (JsonProcessingException e) {
            return List.of();
        }
    }

    private boolean move(WatchedMerge w, String from, String to, String verdict) {
        Instant now = clock.instant();
        int moved = WatchedMerge.update("state = ?1, verdict = ?2, updatedAt = ?3 where patchId = ?4 and state = ?5",
                to, verdict, now, w.patchId, from);
        return moved == 1;
    }

    private static Metrics metrics(MetricSample s) {
        return new Metrics(s.roi, s.errors, s.complexity, null);
    }

    private static String append(String verdict, String more) {
        return verdict == null || verdict.isBlank() ? more : verdict + "\n\n" + more;
    }

    private static String toJson(List<String> messages) {
        try {
            return JSON.writeValueAsString(messages == null ? List.of() : messages);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
