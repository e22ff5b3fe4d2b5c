package dev.selfcode.guardrail;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

/**
 * What keeps an unattended Selfcode from spamming a repository or spending without limit: the circuit breaker and
 * the budgets ({@code max_open_prs}, {@code max_patches_per_day}, {@code max_tokens_per_day}, rolling 24 hours).
 * Every front end asks {@link #refuse} before it starts the engine (a command, the job that runs it, a sweep) and
 * calls {@link #tripIfDue} after a patch. State lives in the database, so it survives restarts.
 */
@ApplicationScoped
public class Guardrails {

    private static final Logger LOG = Logger.getLogger(Guardrails.class);

    @Inject
    BudgetCounts counts;
    @Inject
    CircuitBreaker breaker;
    @Inject
    Clock clock;

    /** Where a repository's breaker stands. */
    public record BreakerState(int inARow, int limit, boolean open) {
    }

    /**
     * The first guardrail that stops new work on {@code repo}, the breaker first, or empty when work may start.
     * {@code opensPull} is false for work that updates a pull request Selfcode already has open (it adds none).
     */
    @Transactional
    public Optional<Refusal> check(String repo, RepoLimits limits, boolean opensPull) {
        Instant now = clock.instant();
        BreakerState state = state(repo, limits);
        if (state.open()) {
            return Optional.of(refusal(Guard.BREAKER, state.inARow(), limits, Optional.empty(), List.of()));
        }
        if (opensPull) {
            List<Integer> open = counts.openPulls(repo);
            if (open.size() >= limits.maxOpenPrs()) {
                return Optional.of(refusal(Guard.OPEN_PRS, open.size(), limits, Optional.empty(), open));
            }
        }
        List<Instant> patches = counts.patches(repo, now);
        if (patches.size() >= limits.maxPatchesPerDay()) {
            return Optional.of(refusal(Guard.PATCHES_PER_DAY, patches.size(), limits,
                    BudgetCounts.patchesReset(patches, limits.maxPatchesPerDay()), List.of()));
        }
        List<BudgetCounts.Spent> spent = counts.tokens(repo, now);
        long tokens = spent.stream().mapToLong(BudgetCounts.Spent::tokens).sum();
        if (tokens >= limits.maxTokensPerDay()) {
            return Optional.of(refusal(Guard.TOKENS_PER_DAY, tokens, limits,
                    BudgetCounts.tokensReset(spent, limits.maxTokensPerDay()), List.of()));
        }
        return Optional.empty();
    }

    /**
     * The token budget alone: a refusal when {@code repo} has spent its {@code max_tokens_per_day}. A patch's repair
     * tries ask this before each further model call (the patch itself was already counted once, when it started).
     */
    @Transactional
    public Optional<Refusal> tokensSpent(String repo, RepoLimits limits) {
        List<BudgetCounts.Spent> spent = counts.tokens(repo, clock.instant());
        long tokens = spent.stream().mapToLong(BudgetCounts.Spent::tokens).sum();
        return tokens >= limits.maxTokensPerDay()
                ? Optional.of(refusal(Guard.TOKENS_PER_DAY, tokens, limits,
                        BudgetCounts.tokensReset(spent, limits.maxTokensPerDay()), List.of()))
                : Optional.empty();
    }

    /**
     * {@link #check}, and a refusal is recorded as a skipped run of {@code trigger} (comment, label, sweep, ...): the
     * call for anything about to start the engine. A sweep that gets a refusal skips its run.
     */
    @Transactional
    public Optional<Refusal> refuse(String repo, RepoLimits limits, boolean opensPull, String trigger) {
        Optional<Refusal> refusal = check(repo, limits, opensPull);
        refusal.ifPresent(r -> {
            GuardrailSkip skip = new GuardrailSkip();
            skip.repo = repo;
            skip.trigger = trigger;
            skip.guard = r.guard();
            skip.count = r.count();
            skip.limit = r.limit();
            skip.resetsAt = r.resetsAt().orElse(null);
            skip.createdAt = clock.instant();
            skip.persist();
            LOG.infof("%s on %s skipped: %s", trigger, repo, r.line());
        });
        return refusal;
    }

    /** What a repository has used of its budgets now: open pull requests, and patches and tokens in 24 hours. */
    public record Usage(int openPulls, int patches, long tokens) {
    }

    /** The budgets' counts as {@link #check} reads them, for the dashboard and the API. */
    @Transactional
    public Usage usage(String repo) {
        Instant now = clock.instant();
        return new Usage(counts.openPulls(repo).size(), counts.patches(repo, now).size(),
                counts.tokens(repo, now).stream().mapToLong(BudgetCounts.Spent::tokens).sum());
    }

    @Transactional
    public BreakerState breaker(String repo, RepoLimits limits) {
        return state(repo, limits);
    }

    /**
     * After a patch attempt: when the breaker has just opened and nobody has said so yet, records that this attempt
     * (and {@code issue}, null for none) tripped it and returns its state, for the caller to say so, once.
     */
    @Transactional
    public Optional<BreakerState> tripIfDue(String repo, RepoLimits limits, long patchId, Integer issue) {
        Instant now = clock.instant();
        BreakerState state = state(repo, limits);
        if (state.open() && breaker.announce(repo, now, patchId, issue)) {
            LOG.warnf("circuit breaker open on %s: %d rejected or rolled-back patches in a row", repo, state.inARow());
            return Optional.of(state);
        }
        return Optional.empty();
    }

    /** Closes the breaker ({@code by}: who asked); returns where it stood before. */
    @Transactional
    public BreakerState reset(String repo, RepoLimits limits, String by) {
        Instant now = clock.instant();
        BreakerState before = state(repo, limits);
        breaker.reset(repo, now, by);
        LOG.infof("circuit breaker on %s reset by %s (was %d of %d)", repo, by, before.inARow(), before.limit());
        return before;
    }

    private BreakerState state(String repo, RepoLimits limits) {
        int inARow = breaker.inARow(repo, breaker.countedAfter(repo));
        return new BreakerState(inARow, limits.breaker(), inARow >= limits.breaker());
    }

    private static Refusal refusal(Guard guard, long count, RepoLimits limits, Optional<Instant> resetsAt,
            List<Integer> pulls) {
        return new Refusal(guard, count, limits.limit(guard), resetsAt, pulls, limits.clampOf(guard));
    }
}
