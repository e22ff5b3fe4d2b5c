package dev.selfcode.engine;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.selfcode.code.Chunk;
import dev.selfcode.code.Language;
import dev.selfcode.config.RepoConfig;
import dev.selfcode.llm.GeneratedCode;
import dev.selfcode.metrics.Metrics;
import dev.selfcode.metrics.TrendPredictor.Prediction;
import dev.selfcode.sandbox.Evaluation;
import dev.selfcode.workspace.Worktree;

/** What one patch job has learnt so far; each stage fills in its part. Publishers read it. */
public final class PatchRun {

    final PatchRequest request;
    final long patchId;
    final Map<Stage, Long> timings = new EnumMap<>(Stage.class);
    Worktree worktree;
    RepoConfig config;
    Language language;
    double threshold;
    Optional<Chunk> afterChunk = Optional.empty();
    List<Chunk> snippets = List.of();
    GeneratedCode generated;
    String original;
    String patched;
    String diff;
    Evaluation baseline;
    boolean baselineCached;
    Evaluation candidate;
    Metrics baseMetrics;
    Metrics candidateMetrics;
    Prediction prediction;
    Decision decision;
    String headSha;
    Optional<String> published = Optional.empty();

    PatchRun(PatchRequest request, long patchId) {
        this.request = request;
        this.patchId = patchId;
    }

    public PatchRequest request() {
        return request;
    }

    public long patchId() {
        return patchId;
    }

    public Worktree worktree() {
        return worktree;
    }

    public RepoConfig config() {
        return config;
    }

    public double threshold() {
        return threshold;
    }

    public Optional<GeneratedCode> generated() {
        return Optional.ofNullable(generated);
    }

    public String diff() {
        return diff == null ? "" : diff;
    }

    public Optional<Decision> decision() {
        return Optional.ofNullable(decision);
    }

    public Optional<Evaluation> baseline() {
        return Optional.ofNullable(baseline);
    }

    public Optional<Evaluation> candidate() {
        return Optional.ofNullable(candidate);
    }

    public Optional<Metrics> baseMetrics() {
        return Optional.ofNullable(baseMetrics);
    }

    public Optional<String> headSha() {
        return Optional.ofNullable(headSha);
    }

    public Map<Stage, Long> timings() {
        return timings;
    }
}
