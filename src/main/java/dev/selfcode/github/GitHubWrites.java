package dev.selfcode.github;

import java.io.IOException;
import java.util.Date;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;
import org.kohsuke.github.GHCheckRun;
import org.kohsuke.github.GHCheckRunBuilder;
import org.kohsuke.github.GHIssueComment;
import org.kohsuke.github.GHIssueState;
import org.kohsuke.github.GHPullRequest;
import org.kohsuke.github.GHRepository;
import org.kohsuke.github.ReactionContent;

import dev.selfcode.config.SelfcodeConfig;
import dev.selfcode.text.Text;
import dev.selfcode.workspace.GitRemote;
import dev.selfcode.workspace.GitSync;
import dev.selfcode.workspace.Worktree;

/**
 * The one door for every write to GitHub: comments, reactions, check runs, pull requests and git pushes. With
 * {@code selfcode.github.dry-run} each write becomes a log line instead, so a dry run changes nothing anywhere.
 */
@ApplicationScoped
public class GitHubWrites {

    private static final Logger LOG = Logger.getLogger(GitHubWrites.class);
    /** GitHub refuses bodies over 65536 characters; keep a margin for the cut marker. */
    static final int MAX_BODY = 65_000;
    /** A check run's summary and text are each limited to 65535 characters. */
    static final int MAX_CHECK_TEXT = 60_000;

    @Inject
    SelfcodeConfig config;

    @Inject
    GitSync git;

    /** A pull request as far as Selfcode needs it. */
    public record PullRef(int number, String url) {
    }

    public boolean dryRun() {
        return config.github().dryRun();
    }

    public void comment(GHRepository repo, int issueNumber, String body) throws IOException {
        if (dryRun("comment on %s#%d: %s", repo.getFullName(), issueNumber, firstLine(body))) {
            return;
        }
        repo.getIssue(issueNumber).comment(cap(body, MAX_BODY));
    }

    public void react(GHRepository repo, GHIssueComment comment, ReactionContent reaction) throws IOException {
        if (dryRun("react %s to comment %d in %s", reaction.getContent(), comment.getId(), repo.getFullName())) {
            return;
        }
        comment.createReaction(reaction);
    }

    /** Creates an in-progress check run on {@code sha}; empty in dry-run mode. */
    public Optional<Long> startCheckRun(GHRepository repo, String name, String sha, String title, String summary)
            throws IOException {
        if (dryRun("start check run '%s' on %s@%s: %s", name, repo.getFullName(), sha, title)) {
            return Optional.empty();
        }
        GHCheckRun run = repo.createCheckRun(name, sha).withStatus(GHCheckRun.Status.IN_PROGRESS)
                .withStartedAt(new Date()).add(new GHCheckRunBuilder.Output(title, cap(summary, MAX_CHECK_TEXT)))
                .create();
        return Optional.of(run.getId());
    }

    public void updateCheckRun(GHRepository repo, long id, String title, String summary) throws IOException {
        if (dryRun("update check run %d in %s: %s", id, repo.getFullName(), title)) {
            return;
        }
        repo.updateCheckRun(id).add(new GHCheckRunBuilder.Output(title, cap(summary, MAX_CHECK_TEXT))).create();
    }

    public void completeCheckRun(GHRepository repo, long id, GHCheckRun.Conclusion conclusion, String title,
            String summary) throws IOException {
        if (dryRun("complete check run %d in %s as %s: %s", id, repo.getFullName(), conclusion, title)) {
            return;
        }
        repo.updateCheckRun(id).withStatus(GHCheckRun.Status.COMPLETED).withConclusion(conclusion)
                .withCompletedAt(new Date()).add(new GHCheckRunBuilder.Output(title, cap(summary, MAX_CHECK_TEXT)))
                .create();
    }

    /** Force-pushes the worktree's branch: a re-run of the same job replaces its own earlier push. */
    public void pushBranch(Worktree worktree, GitRemote remote) throws IOException {
        if (dryRun("push %s to %s", worktree.branch(), remote.url())) {
            return;
        }
        git.pushBranch(worktree, remote, true);
    }

    /**
     * Opens a pull request from {@code head} into {@code base}, or updates the open one that already has that
     * head (a re-run after a crash, or a re-run asked for on the PR), so a job never makes a second PR.
     */
    public PullRef openOrUpdatePull(GHRepository repo, String head, String base, String title, String body)
            throws IOException {
        Optional<GHPullRequest> open = openPull(repo, head);
        if (dryRun("%s pull request %s -> %s in %s: %s", open.isPresent() ? "update" : "open", head, base,
                repo.getFullName(), title)) {
            return open.map(p -> new PullRef(p.getNumber(), p.getHtmlUrl().toString()))
                    .orElse(new PullRef(0, "(dry run: no pull request opened)"));
        }
        String capped = cap(body, MAX_BODY);
        if (open.isPresent()) {
            GHPullRequest pull = open.get();
            pull.setTitle(title);
            pull.setBody(capped);
            return new PullRef(pull.getNumber(), pull.getHtmlUrl().toString());
        }
        GHPullRequest pull = repo.createPullRequest(title, head, base, capped);
        return new PullRef(pull.getNumber(), pull.getHtmlUrl().toString());
    }

    /** The open pull request whose head is {@code branch} of the repository itself. */
    public Optional<GHPullRequest> openPull(GHRepository repo, String branch) throws IOException {
        String owner = repo.getOwnerName();
        for (GHPullRequest pull : repo.queryPullRequests().state(GHIssueState.OPEN).head(owner + ":" + branch).list()
                .withPageSize(10)) {
            if (branch.equals(pull.getHead().getRef())) {
                return Optional.of(pull);
            }
        }
        return Optional.empty();
    }

    /** Opens an issue (what a sweep says, having no issue of its own to comment on); returns its number, 0 dry. */
    public int openIssue(GHRepository repo, String title, String body) throws IOException {
        if (dryRun("open an issue in %s: %s", repo.getFullName(), title)) {
            return 0;
        }
        return repo.createIssue(title).body(cap(body, MAX_BODY)).create().getNumber();
    }

    /** Comments on a pull request and closes it. */
    public void closePull(GHRepository repo, int number, String comment) throws IOException {
        if (dryRun("close pull request %s#%d: %s", repo.getFullName(), number, firstLine(comment))) {
            return;
        }
        GHPullRequest pull = repo.getPullRequest(number);
        pull.comment(cap(comment, MAX_BODY));
        pull.close();
    }

    /** Squash-merges a pull request, but only while its head is still {@code sha}. */
    public void mergePull(GHRepository repo, int number, String sha, String message) throws IOException {
        if (dryRun("merge pull request %s#%d at %s", repo.getFullName(), number, sha)) {
            return;
        }
        repo.getPullRequest(number).merge(cap(message, 1000), sha, GHPullRequest.MergeMethod.SQUASH);
    }

    private boolean dryRun(String format, Object... args) {
        if (!dryRun()) {
            return false;
        }
        LOG.infof("[dry-run] would " + format, args);
        return true;
    }

    /** The head of {@code text}, at most {@code max} characters, marked when cut. */
    static String cap(String text, int max) {
        return Text.cap(text, max, "\n\n… (cut: %d more characters)");
    }

    private static String firstLine(String text) {
        return Text.firstLine(text, 120);
    }
}
