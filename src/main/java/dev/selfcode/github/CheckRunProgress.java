package dev.selfcode.github;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.jboss.logging.Logger;
import org.kohsuke.github.GHCheckRun;
import org.kohsuke.github.GHRepository;

import dev.selfcode.engine.PatchOutcome;
import dev.selfcode.engine.ProgressListener;
import dev.selfcode.engine.Stage;
import dev.selfcode.text.Text;

/**
 * Shows a job's progress as a GitHub check run on the base commit: created in progress, updated after each stage,
 * completed with the outcome. A failing GitHub call is logged and never fails the job.
 */
final class CheckRunProgress implements ProgressListener {

    static final String NAME = "Selfcode";
    private static final Logger LOG = Logger.getLogger(CheckRunProgress.class);

    private final GitHubWrites writes;
    private final GHRepository repo;
    private final String description;
    private final List<String> stages = new ArrayList<>();
    private Optional<Long> id = Optional.empty();

    private CheckRunProgress(GitHubWrites writes, GHRepository repo, String description) {
        this.writes = writes;
        this.repo = repo;
        this.description = Markdown.quoted(description);
    }

    static CheckRunProgress start(GitHubWrites writes, GHRepository repo, String sha, String description) {
        CheckRunProgress progress = new CheckRunProgress(writes, repo, description);
        try {
            progress.id = writes.startCheckRun(repo, NAME, sha, "Selfcode is working", progress.summary(null, null));
        } catch (IOException | RuntimeException e) {
            LOG.warnf("could not create a check run in %s: %s", repo.getFullName(), e.getMessage());
        }
        return progress;
    }

    @Override
    public void finished(Stage stage, long millis, String summary) {
        stages.add(":white_check_mark: **" + stage.label + "** (" + millis + " ms): " + oneLine(summary));
        update("Selfcode: " + stage.label + " done");
    }

    @Override
    public void failed(Stage stage, String message) {
        stages.add(":x: **" + stage.label + "**: " + oneLine(message));
        update("Selfcode: " + stage.label + " failed");
    }

    /** Completes the check run: success when kept, neutral when reverted or refused, failure otherwise. */
    void complete(PatchOutcome outcome) {
        // An unmeasurable base is neutral: the base's own CI may pass; Selfcode's sandbox could not measure it.
        GHCheckRun.Conclusion conclusion = switch (outcome.status()) {
            case KEPT -> GHCheckRun.Conclusion.SUCCESS;
            case REVERTED, BAD_INPUT, BASE_UNMEASURABLE -> GHCheckRun.Conclusion.NEUTRAL;
            case FAILED -> GHCheckRun.Conclusion.FAILURE;
        };
        String title = outcome.status() == PatchOutcome.Status.BASE_UNMEASURABLE
                ? "Selfcode: the base branch cannot be measured"
                : "Selfcode: " + outcome.status().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
        complete(conclusion, title, outcome.message(), WhyShown.markdown(outcome.why()));
    }

    void complete(GHCheckRun.Conclusion conclusion, String title, String outcome) {
        complete(conclusion, title, outcome, null);
    }

    /** @param why the explanation's Markdown, or null */
    private void complete(GHCheckRun.Conclusion conclusion, String title, String outcome, String why) {
        if (id.isEmpty()) {
            return;
        }
        try {
            writes.completeCheckRun(repo, id.get(), conclusion, title, summary(oneLine(outcome), why));
        } catch (IOException | RuntimeException e) {
            LOG.warnf("could not complete check run %d in %s: %s", id.get(), repo.getFullName(), e.getMessage());
        }
    }

    private void update(String title) {
        if (id.isEmpty()) {
            return;
        }
        try {
            writes.updateCheckRun(repo, id.get(), title, summary(null, null));
        } catch (IOException | RuntimeException e) {
            LOG.warnf("could not update check run %d in %s: %s", id.get(), repo.getFullName(), e.getMessage());
        }
    }

    private String summary(String outcome, String why) {
        return Markdown.checkSummary(description, stages, outcome, why).render();
    }

    private static String oneLine(String text) {
        return Text.oneLine(text, 500);
    }
}
