package dev.selfcode.web.view;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import dev.selfcode.job.Job;
import dev.selfcode.safety.SecretScanner;
import dev.selfcode.web.Viewer;

/** The job queue as the jobs page and {@code /api/jobs} show it. */
@ApplicationScoped
public class JobQueries {

    @Inject
    EntityManager em;
    @Inject
    RepoQueries repos;

    /** The page {@code filter} asks for, of the repositories {@code viewer} may read, newest first. */
    @Transactional
    public Page<JobRow> list(Viewer viewer, JobFilter filter) {
        Optional<Listing> listing = Listing.of("SELECT id, kind, repo, status, attempts, max_attempts, run_after,"
                + " last_error, result, patch_id, issue_number, pr_number, created_at, updated_at FROM job", viewer,
                filter.repo(), repos);
        if (listing.isEmpty()) {
            return new Page<>(List.of(), null);
        }
        List<Object[]> rows = listing.get().where("status = ?", filter.status()).rows(em, filter.before(),
                filter.limit());
        List<JobRow> items = new ArrayList<>();
        for (Object[] r : rows.subList(0, Math.min(rows.size(), filter.limit()))) {
            items.add(row(r));
        }
        String next = rows.size() > filter.limit()
                ? Cursor.after(JobFilter.CURSOR_TAG, items.get(items.size() - 1).id())
                : null;
        return new Page<>(items, next);
    }

    /** One job; empty when it does not exist or its repository is not readable. */
    @Transactional
    public Optional<JobRow> find(Viewer viewer, long id) {
        Job job = Job.findById(id);
        if (job == null || !viewer.canRead(job.repo)) {
            return Optional.empty();
        }
        return Optional.of(new JobRow(job.id, job.kind, job.repo, job.status.name(), job.attempts, job.maxAttempts,
                job.status == Job.Status.QUEUED ? job.runAfter : null, SecretScanner.redacted(job.lastError),
                SecretScanner.redacted(job.result), job.patchId, job.issueNumber, job.prNumber, job.createdAt,
                job.updatedAt));
    }

    private static JobRow row(Object[] r) {
        String status = (String) r[3];
        return new JobRow(Rows.longOf(r[0]), (String) r[1], (String) r[2], status, ((Number) r[4]).intValue(),
                ((Number) r[5]).intValue(), Job.Status.QUEUED.name().equals(status) ? Rows.instant(r[6]) : null,
                SecretScanner.redacted((String) r[7]), SecretScanner.redacted((String) r[8]), Rows.longOrNull(r[9]),
                Rows.intOrNull(r[10]), Rows.intOrNull(r[11]), Rows.instant(r[12]), Rows.instant(r[13]));
    }
}
