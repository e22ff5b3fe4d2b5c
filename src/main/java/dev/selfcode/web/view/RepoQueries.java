package dev.selfcode.web.view;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.AbstractMap.SimpleEntry;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import io.quarkus.arc.Arc;

import dev.selfcode.config.SelfcodeConfig;
import dev.selfcode.guardrail.Guardrails;
import dev.selfcode.guardrail.RepoLimits;
import dev.selfcode.job.Job;
import dev.selfcode.metrics.PatchAttempt;
import dev.selfcode.sweep.RollbackWatch;
import dev.selfcode.sweep.SweepSchedules;
import dev.selfcode.web.Viewer;

/**
 * Repositories as the overview, the repo page and {@code /api/repos} show them. A repository is known when it is
 * installed, has a patch attempt, a job or a sweep schedule. Per-repository numbers are read with one grouped query
 * each (not one per repository), so the overview costs the same for 5 repositories as for 50.
 */
@ApplicationScoped
public class RepoQueries {

    /** The window of the overview's counts. */
    public static final Duration WEEK = Duration.ofDays(7);

    @Inject
    EntityManager em;
    @Inject
    Clock clock;
    @Inject
    SelfcodeConfig config;
    @Inject
    Guardrails guardrails;
    @Inject
    SweepSchedules schedules;

    @Inject
    KnownThisRequest thisRequest;

    /**
     * Every known repository with its installation (null: used only through the CLI), by name. Read once a request
     * (a page asks several times: is it visible, its summary, its trend).
     */
    @Transactional
    public Map<String, Long> known() {
        if (Arc.container().requestContext().isActive()) {
            return new LinkedHashMap<>(thisRequest.known(this::read));
        }
        return read();
    }

    /** One request's answer of {@link RepoQueries#known()}. */
    @RequestScoped
    static class KnownThisRequest {

        private Map<String, Long> known;
        private final Map<String, Optional<Map.Entry<String, Long>>> one = new HashMap<>();

        Map<String, Long> known(Supplier<Map<String, Long>> read) {
            if (known == null) {
                known = read.get();
            }
            return known;
        }

        /** From the whole list when this request read it, else from one query per repository. */
        Optional<Map.Entry<String, Long>> one(String repo, Function<String, Optional<Map.Entry<String, Long>>> read) {
            if (known != null) {
                return known.containsKey(repo) ? Optional.of(new SimpleEntry<>(repo, known.get(repo))) : Optional.empty();
            }
            return one.computeIfAbsent(repo, read);
        }
    }

    private Map<String, Long> read() {
        Map<String, Long> known = new TreeMap<>();
        // GROUP BY repo reads one index entry per repository (a loose index scan), not every row.
        for (String table : List.of("patch_history", "job")) {
            @SuppressWarnings("unchecked")
            List<String> names = em.createNativeQuery("SELECT repo FROM " + table + " GROUP BY repo").getResultList();
            names.forEach(r -> known.putIfAbsent(r, null));
        }
        for (String sql : List.of("SELECT repo, MAX(installation_id) FROM job GROUP BY repo",
                "SELECT repo, installation_id FROM sweep_schedule",
                "SELECT repo, installation_id FROM installed_repo")) {
            // Later sources win: an installation's own record over what its jobs said.
            rows(sql, null).forEach(r -> {
                Long installation = Rows.longOrNull(r[1]);
                if (installation != null || !known.containsKey((String) r[0])) {
                    known.put((String) r[0], installation);
                }
            });
        }
        return new LinkedHashMap<>(known);
    }

    /**
     * Whether one repository is known, and its installation, as {@link #known()} would say: one query instead of the
     * five that list them all (or the list, when this request already read it).
     */
    Optional<Map.Entry<String, Long>> knownOne(String repo) {
        return Arc.container().requestContext().isActive() ? thisRequest.one(repo, this::readOne) : readOne(repo);
    }

    private Optional<Map.Entry<String, Long>> readOne(String repo) {
        Object[] r = (Object[]) em.createNativeQuery("SELECT EXISTS (SELECT 1 FROM patch_history WHERE repo = ?1)"
                + " OR EXISTS (SELECT 1 FROM job WHERE repo = ?1) OR EXISTS (SELECT 1 FROM sweep_schedule WHERE repo = ?1)"
                + " OR EXISTS (SELECT 1 FROM installed_repo WHERE repo = ?1),"
                // Later sources win, as in read(): the installation's own record, the schedule's, the jobs'.
                + " COALESCE((SELECT installation_id FROM installed_repo WHERE repo = ?1),"
                + " (SELECT installation_id FROM sweep_schedule WHERE repo = ?1),"
                + " (SELECT MAX(installation_id) FROM job WHERE repo = ?1))").setParameter(1, repo).getSingleResult();
        return ((Number) r[0]).intValue() == 1
                ? Optional.of(new SimpleEntry<>(repo, Rows.longOrNull(r[1])))
                : Optional.empty();
    }

    /** What {@code viewer} may read: everything for the admin, else the known repositories it can read. */
    public Access access(Viewer viewer) {
        if (viewer.admin()) {
            return new Access(true, Set.of());
        }
        if (!viewer.authenticated()) {
            return new Access(false, Set.of());
        }
        Set<String> readable = new HashSet<>();
        for (String repo : known().keySet()) {
            if (viewer.canRead(repo)) {
                readable.add(repo);
            }
        }
        return new Access(false, readable);
    }

    /** Whether {@code repo} is known and {@code viewer} may read it: else it must look as if it did not exist. */
    public boolean visible(Viewer viewer, String repo) {
        return viewer.canRead(repo) && knownOne(repo).isPresent();
    }

    /** The readable repositories, by name. */
    @Transactional
    public List<RepoSummary> list(Viewer viewer) {
        return summaries(access(viewer), clock.instant().minus(WEEK));
    }

    /** The front page. */
    @Transactional
    public Overview overview(Viewer viewer) {
        Access access = access(viewer);
        Instant since = clock.instant().minus(WEEK);
        List<RepoSummary> repos = summaries(access, since);
        WeekCounts week = WeekCounts.ZERO;
        long open = 0;
        long tokens = 0;
        int tripped = 0;
        for (RepoSummary r : repos) {
            week = week.plus(r.week());
            open += r.openPulls();
            tokens += r.tokensWeek();
            tripped += r.breakerTripped() ? 1 : 0;
        }
        return new Overview(since, week, open, tripped, tokens, jobs(access), repos);
    }

    /** One repository, empty when unknown or not readable (both answer 404). */
    @Transactional
    public Optional<RepoDetail> detail(Viewer viewer, String repo) {
        if (!viewer.canRead(repo)) {
            return Optional.empty();
        }
        Optional<Map.Entry<String, Long>> known = knownOne(repo);
        if (known.isEmpty()) {
            return Optional.empty();
        }
        Instant since = clock.instant().minus(WEEK);
        // Everything of this repository's own rows in one round trip: on a busy machine each trip to the database
        // costs more than the index lookups it carries.
        Object[] r = (Object[]) em.createNativeQuery("SELECT w.kept, w.reverted, w.rejected, w.failed, w.pending,"
                + " (SELECT COUNT(*) FROM rollback_watch WHERE repo = ?1 AND state IN (?3, ?4) AND updated_at >= ?2),"
                + " (SELECT id FROM patch_history WHERE repo = ?1 ORDER BY id DESC LIMIT 1),"
                + " (SELECT created_at FROM patch_history WHERE repo = ?1 ORDER BY id DESC LIMIT 1),"
                + " (SELECT COUNT(*) FROM patch_history WHERE repo = ?1),"
                + " (SELECT threshold_value FROM patch_history WHERE repo = ?1 AND threshold_value IS NOT NULL"
                + " ORDER BY id DESC LIMIT 1),"
                + " (SELECT COUNT(*) FROM (SELECT DISTINCT pr_number FROM patch_history WHERE decision = ?5"
                + " AND pr_outcome IS NULL AND pr_number IS NOT NULL AND repo = ?1) o),"
                + " (SELECT COALESCE(SUM(COALESCE(prompt_tokens, 0) + COALESCE(completion_tokens, 0)), 0)"
                + " FROM gpt_interaction WHERE created_at >= ?2 AND repo = ?1),"
                + " b.tripped_at, b.tripped_patch_id, b.reset_at, b.reset_by,"
                + " s.repo, s.cron, s.timezone, s.next_due, s.last_due"
                // The week's attempts by outcome, as outcome() sorts them.
                + " FROM (SELECT COALESCE(SUM(decision = ?5), 0) kept,"
                + " COALESCE(SUM(decision = ?6 AND failure_stage IS NULL), 0) reverted,"
                + " COALESCE(SUM(decision = ?6 AND failure_stage IS NOT NULL), 0) rejected,"
                + " COALESCE(SUM(decision = ?7), 0) failed,"
                + " COALESCE(SUM(decision NOT IN (?5, ?6, ?7)), 0) pending"
                + " FROM patch_history WHERE created_at >= ?2 AND repo = ?1) w"
                + " LEFT JOIN repo_breaker b ON b.repo = ?1 LEFT JOIN sweep_schedule s ON s.repo = ?1")
                .setParameter(1, repo).setParameter(2, Rows.utc(since)).setParameter(3, RollbackWatch.REVERTING)
                .setParameter(4, RollbackWatch.REVERTED).setParameter(5, PatchAttempt.KEEP)
                .setParameter(6, PatchAttempt.REVERT).setParameter(7, PatchAttempt.FAILED).getSingleResult();
        WeekCounts week = new WeekCounts(Rows.longOf(r[0]), Rows.longOf(r[1]), Rows.longOf(r[2]), Rows.longOf(r[3]),
                Rows.longOf(r[4]), Rows.longOf(r[5]));
        Instant tripped = Rows.instant(r[12]);
        RepoDetail.Sweep sweep = r[16] == null
                ? null
                : new RepoDetail.Sweep((String) r[17], (String) r[18], Rows.instant(r[19]), Rows.instant(r[20]));
        RepoSummary summary = new RepoSummary(repo, known.get().getValue(), Rows.longOrNull(r[6]),
                Rows.instant(r[7]), week, Rows.longOf(r[10]), tripped != null, Rows.longOf(r[11]),
                sweep == null ? null : sweep.nextDue());
        long patches = Rows.longOf(r[8]);
        RepoLimits limits = RepoLimits.serverDefaults(config.guardrails());
        Guardrails.BreakerState state = guardrails.breaker(repo, limits);
        RepoDetail.Breaker breaker = new RepoDetail.Breaker(state.inARow(), state.limit(), state.open(), tripped,
                Rows.longOrNull(r[13]), Rows.instant(r[14]), (String) r[15]);
        Guardrails.Usage usage = guardrails.usage(repo);
        RepoDetail.Budgets budgets = new RepoDetail.Budgets(usage.openPulls(), limits.maxOpenPrs(), usage.patches(),
                limits.maxPatchesPerDay(), usage.tokens(), limits.maxTokensPerDay());
        RepoDetail.ConfigInForce inForce = new RepoDetail.ConfigInForce(limits.maxOpenPrs(),
                limits.maxPatchesPerDay(), limits.maxTokensPerDay(), limits.breaker(), "server defaults",
                limits.clamped().stream().map(c -> c.guard() + " " + c.asked() + " capped at " + c.cap()).toList(),
                Rows.doubleOrNull(r[9]));
        TrendView.Sample latest = TrendQueries.samples(em, repo, 1).stream().findFirst().orElse(null);
        return Optional.of(new RepoDetail(summary, patches, inForce, breaker, budgets, sweep, latest));
    }

    /** Jobs per status over the readable repositories; every status present. */
    Map<String, Long> jobs(Access access) {
        Map<Job.Status, Long> counts = new EnumMap<>(Job.Status.class);
        for (Job.Status s : Job.Status.values()) {
            counts.put(s, 0L);
        }
        if (!access.none()) {
            List<Object> params = new ArrayList<>(access.repos());
            @SuppressWarnings("unchecked")
            List<Object[]> rows = bind(em.createNativeQuery("SELECT status, COUNT(*) FROM job"
                    + (access.all() ? "" : " WHERE repo IN (" + Rows.placeholders(1, params) + ")")
                    + " GROUP BY status"), params).getResultList();
            for (Object[] r : rows) {
                counts.put(Job.Status.valueOf((String) r[0]), Rows.longOf(r[1]));
            }
        }
        Map<String, Long> named = new LinkedHashMap<>();
        counts.forEach((k, v) -> named.put(k.name(), v));
        return named;
    }

    /** Summaries of the known repositories {@code access} allows, by name. */
    List<RepoSummary> summaries(Access access, Instant since) {
        Map<String, Long> known = known();
        known.keySet().removeIf(r -> !access.allows(r));
        if (known.isEmpty()) {
            return List.of();
        }
        // Grouped over every repository and filtered here: the groups come off the indexes, and a list of 50
        // names in an IN clause would not make them cheaper.
        Map<String, Object[]> last = new HashMap<>();
        rows("SELECT p.repo, p.id, p.created_at FROM patch_history p JOIN (SELECT repo, MAX(id) id FROM patch_history"
                + " GROUP BY repo) m ON p.id = m.id", null).forEach(r -> last.put((String) r[0], r));
        Map<String, WeekCounts> week = new HashMap<>();
        // Counted here: the rows come off a covering index in a millisecond or two, while a GROUP BY over them
        // builds a temporary table that takes ten times as long.
        Map<String, long[]> byOutcome = new HashMap<>();
        for (Object[] r : rows("SELECT repo, decision, failure_stage IS NULL FROM patch_history WHERE created_at >= :since",
                since)) {
            long[] n = byOutcome.computeIfAbsent((String) r[0], k -> new long[5]);
            n[outcome((String) r[1], ((Number) r[2]).intValue() == 1)]++;
        }
        byOutcome.forEach((repo, n) -> week.put(repo, new WeekCounts(n[0], n[1], n[2], n[3], n[4], 0)));
        for (Object[] r : rows("SELECT repo, COUNT(*) FROM rollback_watch WHERE state IN ('" + RollbackWatch.REVERTING
                + "', '" + RollbackWatch.REVERTED + "') AND updated_at >= :since GROUP BY repo", since)) {
            week.merge((String) r[0], new WeekCounts(0, 0, 0, 0, 0, Rows.longOf(r[1])), WeekCounts::plus);
        }
        Map<String, Long> open = new HashMap<>();
        rows("SELECT repo, COUNT(DISTINCT pr_number) FROM patch_history WHERE decision = '" + PatchAttempt.KEEP
                + "' AND pr_outcome IS NULL AND pr_number IS NOT NULL GROUP BY repo", null)
                .forEach(r -> open.put((String) r[0], Rows.longOf(r[1])));
        Set<String> tripped = new HashSet<>();
        rows("SELECT repo, tripped_at FROM repo_breaker WHERE tripped_at IS NOT NULL", null)
                .forEach(r -> tripped.add((String) r[0]));
        Map<String, Long> tokens = new HashMap<>();
        rows("SELECT repo, COALESCE(prompt_tokens, 0) + COALESCE(completion_tokens, 0) FROM gpt_interaction"
                + " WHERE created_at >= :since AND repo IS NOT NULL", since)
                .forEach(r -> tokens.merge((String) r[0], Rows.longOf(r[1]), Long::sum));
        Map<String, Instant> next = new HashMap<>();
        rows("SELECT repo, next_due FROM sweep_schedule", null)
                .forEach(r -> next.put((String) r[0], Rows.instant(r[1])));
        List<RepoSummary> out = new ArrayList<>();
        for (Map.Entry<String, Long> k : new TreeMap<>(known).entrySet()) {
            String repo = k.getKey();
            Object[] l = last.get(repo);
            out.add(new RepoSummary(repo, k.getValue(), l == null ? null : Rows.longOrNull(l[1]),
                    l == null ? null : Rows.instant(l[2]), week.getOrDefault(repo, WeekCounts.ZERO),
                    open.getOrDefault(repo, 0L), tripped.contains(repo), tokens.getOrDefault(repo, 0L),
                    next.get(repo)));
        }
        return out;
    }

    /** The {@link WeekCounts} slot of an attempt: kept, reverted, rejected, failed, pending. */
    static int outcome(String decision, boolean decidedOnNumbers) {
        return switch (decision) {
            case PatchAttempt.KEEP -> 0;
            case PatchAttempt.REVERT -> decidedOnNumbers ? 1 : 2;
            case PatchAttempt.FAILED -> 3;
            default -> 4;
        };
    }

    @SuppressWarnings("unchecked")
    private List<Object[]> rows(String sql, Instant since) {
        var q = em.createNativeQuery(sql);
        if (since != null) {
            q.setParameter("since", Rows.utc(since));
        }
        return q.getResultList();
    }

    static jakarta.persistence.Query bind(jakarta.persistence.Query q, List<Object> params) {
        for (int i = 0; i < params.size(); i++) {
            q.setParameter(i + 1, params.get(i));
        }
        return q;
    }
}
