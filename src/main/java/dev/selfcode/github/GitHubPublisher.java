package dev.selfcode.github;

import java.io.IOException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jboss.logging.Logger;
import org.kohsuke.github.GHPullRequest;
import org.kohsuke.github.GHRepository;

import dev.selfcode.config.RepoConfig;
import dev.selfcode.config.Threshold;
import dev.selfcode.engine.Decision;
import dev.selfcode.engine.PatchPolicy;
import dev.selfcode.engine.PatchReport;
import dev.selfcode.engine.Publisher;
import dev.selfcode.llm.GeneratedCode;
import dev.selfcode.text.Text;
import dev.selfcode.workspace.GitRemote;
import dev.selfcode.workspace.Worktree;

/**
 * Publishes one job's decision on GitHub. KEEP: force-push the job's branch and open its pull request, or update
 * the open one with that head (so a re-run never makes a second PR), then merge it when the repo's automerge
 * threshold holds. REVERT: explain on the issue, or close the Selfcode PR the re-run was asked for on.
 */
final class GitHubPublisher implements Publisher {

    private static final Logger LOG = Logger.getLogger(GitHubPublisher.class);
    private static final Pattern LINK = Pattern.compile("(?m)^(?:Closes|Refs) #\\d+$");

    private final GitHubWrites writes;
    private final PullRequestOutcomes outcomes;
    private final GHRepository repo;
    private final GitRemote remote;
    private final PatchJob job;
    private final long jobId;
    private final String baseBranch;

    GitHubPublisher(GitHubWrites writes, PullRequestOutcomes outcomes, GHRepository repo, GitRemote remote,
            PatchJob job, long jobId, String baseBranch) {
        this.writes = writes;
        this.outcomes = outcomes;
        this.repo = repo;
        this.remote = remote;
        this.job = job;
        this.jobId = jobId;
        this.baseBranch = baseBranch;
    }

    @Override
    public Optional<String> keep(PatchReport run) throws IOException {
        Worktree tree = run.worktree().orElseThrow();
        String branch = tree.branch();
        writes.pushBranch(tree, remote);
        Optional<GHPullRequest> open = writes.openPull(repo, branch);
        String link = job.link() != null ? job.link() : open.map(p -> existingLink(p.getBody())).orElse(null);
        Decision decision = run.decision().orElseThrow();
        Optional<Threshold> automerge = run.config().flatMap(RepoConfig::automerge);
        boolean merge = automerge.isPresent() && PatchPolicy.automerge(decision, automerge.get());
        String automergeNote = automerge.map(t -> merge
                ? "Every delta is within the automerge threshold (" + Text.fixed(t.value())
                        + "): Selfcode merges this pull request."
                : "Not merged automatically: some delta is beyond the automerge threshold (" + Text.fixed(t.value())
                        + ").")
                .orElse(null);
        GeneratedCode code = run.generated().orElse(null);
        String body = Markdown.prBody(link, Markdown.quoted(run.request().description()), Markdown.table(decision),
                DiffSummary.of(run.diff()), code == null ? "-" : code.model(), code == null ? "-" : code.generator(),
                code == null ? 0 : code.promptTokens(), code == null ? 0 : code.completionTokens(), threshold(run),
                run.patchId(), jobId, automergeNote).render();
        GitHubWrites.PullRef pull = writes.openOrUpdatePull(repo, branch, baseBranch, title(run.request().description()),
                body);
        if (pull.number() > 0) {
            outcomes.published(run.patchId(), pull.number());
        }
        if (merge && pull.number() > 0 && run.headSha().isPresent()) {
            try {
                writes.mergePull(repo, pull.number(), run.headSha().get(), title(run.request().description()));
            } catch (IOException e) {
                // The PR stays open for a human; merging is a convenience, not part of the decision.
                LOG.warnf("could not automerge %s#%d: %s", repo.getFullName(), pull.number(), e.getMessage());
            }
        }
        return Optional.of(pull.url());
    }

    @Override
    public void revert(PatchReport run) throws IOException {
        Decision decision = run.decision().orElse(Decision.rejected("no decision was reached"));
        String table = Markdown.table(decision);
        boolean closing = job.onSelfcodePull();
        String body = Markdown.revertComment(Markdown.quoted(run.request().description()), table, decision.reasons(),
                threshold(run), run.patchId(), closing, WhyShown.markdown(run.why())).render();
        if (closing) {
            Optional<GHPullRequest> open = writes.openPull(repo, job.pullBranch());
            if (open.isPresent()) {
                writes.closePull(repo, open.get().getNumber(), body);
                return;
            }
        }
        writes.comment(repo, job.issueNumber(), body);
    }

    /** As the texts have always shown it; 0.0 before checkout resolved one. */
    private static double threshold(PatchReport run) {
        return run.threshold().map(Threshold::value).orElse(0.0);
    }

    static String title(String description) {
        String line = description.strip().lines().findFirst().orElse("").strip();
        return "selfcode: " + (line.length() > 80 ? line.substring(0, 79) + "…" : line);
    }

    private static String existingLink(String body) {
        Matcher m = LINK.matcher(body == null ? "" : body);
        return m.find() ? m.group() : null;
    }
}
