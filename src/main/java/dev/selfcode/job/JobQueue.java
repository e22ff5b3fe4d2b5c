package dev.selfcode.job;

import java.sql.SQLTransactionRollbackException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PessimisticLockException;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import org.hibernate.exception.LockAcquisitionException;
import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.QuarkusTransaction;

import dev.selfcode.config.SelfcodeConfig;
import dev.selfcode.job.Job.Status;
import dev.selfcode.safety.SecretScanner;
import dev.selfcode.text.Text;

/**
 * The durable job queue in MariaDB, shared by every replica: idempotent enqueue, leased claims with
 * {@code SKIP LOCKED}, heartbeats, retries with exponential backoff. Every state change commits in its own
 * transaction, so it is durable when the method returns, whatever the caller's transaction does.
 */
@ApplicationScoped
public class JobQueue {

    static final int MAX_ERROR = 8000;
    static final int MAX_RESULT = 16000;
    static final int MAX_OWNER = 64;
    static final int CLAIM_ATTEMPTS = 5;
    private static final Logger LOG = Logger.getLogger(JobQueue.class);

    // Rows the caller may run now: due QUEUED ones, and RUNNING ones whose worker stopped renewing its lease.
    private static final String CLAIMABLE = "SELECT id FROM job"
            + " WHERE (status = 'QUEUED' AND run_after <= :now) OR (status = 'RUNNING' AND lease_until < :now)"
            + " ORDER BY id LIMIT :max FOR UPDATE SKIP LOCKED";

    @Inject
    Clock clock;

    @Inject
    SelfcodeConfig config;

    /**
     * Adds a job unless one with the same source key exists; either way returns the job of that key.
     * Safe under concurrency across replicas: the unique key decides, the loser reads the winner's row.
     */
    public Job enqueue(NewJob request) {
        Optional<Job> existing = QuarkusTransaction.requiringNew().call(() -> Job.findBySourceKey(request.sourceKey()));
        if (existing.isPresent()) {
            return existing.get();
        }
        try {
            return QuarkusTransaction.requiringNew().call(() -> insert(request));
        } catch (RuntimeException e) {
            // Most likely a concurrent enqueue of the same key won; anything else finds no row and is rethrown.
            return QuarkusTransaction.requiringNew().call(() -> Job.findBySourceKey(request.sourceKey()))
                    .orElseThrow(() -> e);
        }
    }

    private Job insert(NewJob request) {
        Instant now = now();
        Job job = new Job();
        job.sourceKey = request.sourceKey();
        job.kind = request.kind();
        job.repo = request.repo();
        job.installationId = request.installationId();
        job.issueNumber = request.issueNumber();
        job.prNumber = request.prNumber();
        job.payload = request.payload();
        job.status = Status.QUEUED;
        job.attempts = 0;
        job.maxAttempts = request.maxAttempts() > 0 ? request.maxAttempts() : Math.max(1, config.worker().maxAttempts());
        job.runAfter = request.runAfter() == null ? now : request.runAfter().truncatedTo(ChronoUnit.MILLIS);
        job.createdAt = now;
        job.updatedAt = now;
        job.persistAndFlush();
        return job;
    }

    /**
     * Claims up to {@code max} runnable jobs for {@code owner}, oldest first, skipping rows other claimers hold.
     * A RUNNING job with an expired lease is taken over (its worker died), or FAILED when it has no attempts left.
     */
    public List<Job> claim(String owner, int max) {
        requireOwner(owner);
        if (max <= 0) {
            return List.of();
        }
        // InnoDB may pick two claimers' range locks as a deadlock victim even with SKIP LOCKED; the victim's
        // transaction rolled back whole, so claiming again is safe.
        for (int attempt = 1;; attempt++) {
            try {
                return QuarkusTransaction.requiringNew().call(() -> claimOnce(owner, max));
            } catch (RuntimeException e) {
                if (attempt == CLAIM_ATTEMPTS || !deadlock(e)) {
                    throw e;
                }
                LOG.debugf("claim by %s chosen as a deadlock victim (attempt %d); claiming again", owner, attempt);
            }
        }
    }

    /** True when the failure, at any depth (the commit wraps it), is the database choosing a deadlock victim. */
    static boolean deadlock(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof PessimisticLockException || t instanceof LockAcquisitionException
                    || t instanceof SQLTransactionRollbackException) {
                return true;
            }
            for (Throwable s : t.getSuppressed()) {
                if (s != t && deadlock(s)) {
                    return true;
                }
            }
        }
        return false;
    }

    private List<Job> claimOnce(String owner, int max) {
        Instant now = now();
        List<Long> ids = ((List<?>) Job.getEntityManager().createNativeQuery(CLAIMABLE)
                .setParameter("now", now).setParameter("max", max).getResultList())
                .stream().map(id -> ((Number) id).longValue()).toList();
        if (ids.isEmpty()) {
            return List.of();
        }
        // Locked already; reading with a lock again makes sure we see the latest committed state.
        List<Job> jobs = Job.<Job>find("id in ?1 order by id", ids).withLock(LockModeType.PESSIMISTIC_WRITE).list();
        return jobs.stream().filter(job -> take(job, owner, now)).toList();
    }

    private boolean take(Job job, String owner, Instant now) {
        job.updatedAt = now;
        if (job.status == Status.RUNNING) {
            String lost = "lease of " + job.leaseOwner + " expired during attempt " + job.attempts + " of "
                    + job.maxAttempts;
            job.lastError = lost;
            if (job.attempts >= job.maxAttempts) {
                job.status = Status.FAILED;
                job.leaseUntil = null;
                LOG.warnf("%s failed: %s", job, lost);
                return false;
            }
            LOG.infof("%s reclaimed by %s: %s", job, owner, lost);
        }
        job.status = Status.RUNNING;
        job.attempts++;
        job.leaseOwner = owner;
        job.leaseUntil = now.plus(config.worker().lease());
        job.heartbeatAt = now;
        return true;
    }

    /** Extends the lease when {@code owner} still holds it; false tells the worker to stop. */
    @Transactional(TxType.REQUIRES_NEW)
    public boolean heartbeat(long jobId, String owner) {
        Instant now = now();
        return Job.update("leaseUntil = ?1, heartbeatAt = ?2, updatedAt = ?2 where id = ?3 and status = ?4"
                + " and leaseOwner = ?5", now.plus(config.worker().lease()), now, jobId, Status.RUNNING, owner) == 1;
    }

    /** Marks the job SUCCEEDED; false (and nothing changed) when {@code owner} no longer holds its lease. */
    @Transactional(TxType.REQUIRES_NEW)
    public boolean complete(long jobId, String owner, JobResult result) {
        // A handler's summary or error may quote what a model wrote or a sandbox printed: never stored with a secret.
        String summary = result == null ? null : Text.cap(SecretScanner.redacted(result.summary()), MAX_RESULT);
        Long patchId = result == null ? null : result.patchId();
        return Job.update("status = ?1, result = ?2, patchId = ?3, leaseUntil = null, updatedAt = ?4"
                + " where id = ?5 and status = ?6 and leaseOwner = ?7",
                Status.SUCCEEDED, summary, patchId, now(), jobId, Status.RUNNING, owner) == 1;
    }

    public boolean complete(long jobId, String owner, String result) {
        return complete(jobId, owner, JobResult.of(result));
    }

    /**
     * Records a failed attempt. A transient error is retried after {@code backoff * 2^(attempts-1)} (capped)
     * while attempts remain; otherwise, or for a permanent error, the job is FAILED. False when {@code owner}
     * no longer holds the lease.
     */
    @Transactional(TxType.REQUIRES_NEW)
    public boolean fail(long jobId, String owner, String error, boolean transientError) {
        Job job = Job.findById(jobId, LockModeType.PESSIMISTIC_WRITE);
        if (job == null || job.status != Status.RUNNING || !Objects.equals(owner, job.leaseOwner)) {
            return false;
        }
        Instant now = now();
        error = SecretScanner.redacted(error);
        job.lastError = Text.cap(error, MAX_ERROR);
        job.leaseUntil = null;
        job.updatedAt = now;
        if (transientError && job.attempts < job.maxAttempts) {
            job.status = Status.QUEUED;
            job.runAfter = now.plus(backoff(job.attempts));
            LOG.infof("%s will be retried after %s: %s", job, job.runAfter, Text.firstLine(error, 300));
        } else {
            job.status = Status.FAILED;
            LOG.warnf("%s failed%s: %s", job, transientError ? " (no attempts left)" : "", Text.firstLine(error, 300));
        }
        return true;
    }

    /** Cancels a job that has not finished; a running one loses its lease at its next heartbeat. */
    @Transactional(TxType.REQUIRES_NEW)
    public boolean cancel(long jobId) {
        return Job.update("status = ?1, leaseUntil = null, updatedAt = ?2 where id = ?3 and status in ?4",
                Status.CANCELLED, now(), jobId, List.of(Status.QUEUED, Status.RUNNING)) == 1;
    }

    /**
     * Queues a FAILED or CANCELLED job again, due now and with its attempts renewed: someone asked, so the cause may
     * be fixed. Its last error stays until the next attempt. False (nothing changed) in any other state.
     */
    @Transactional(TxType.REQUIRES_NEW)
    public boolean retry(long jobId) {
        Instant now = now();
        return Job.update("status = ?1, attempts = 0, runAfter = ?2, leaseOwner = null, leaseUntil = null,"
                + " updatedAt = ?2 where id = ?3 and status in ?4", Status.QUEUED, now, jobId,
                List.of(Status.FAILED, Status.CANCELLED)) == 1;
    }

    /** The job as stored now, read in a fresh transaction. */
    public Optional<Job> find(long jobId) {
        return QuarkusTransaction.requiringNew().call(() -> Job.<Job>findByIdOptional(jobId));
    }

    /** Delay before retry number {@code attempts} (1-based): backoff doubled per attempt, capped. */
    Duration backoff(int attempts) {
        Duration base = config.worker().backoff();
        Duration cap = config.worker().maxBackoff();
        int doublings = Math.min(Math.max(attempts - 1, 0), 30);
        Duration delay = base.multipliedBy(1L << doublings);
        return delay.compareTo(cap) > 0 ? cap : delay;
    }

    private static void requireOwner(String owner) {
        if (owner == null || owner.isBlank() || owner.length() > MAX_OWNER) {
            throw new IllegalArgumentException("lease owner must be 1.." + MAX_OWNER + " characters");
        }
    }

    // DATETIME(3) keeps milliseconds; truncating here keeps what we compare equal to what we stored.
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
