package dev.selfcode.web.view;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import dev.selfcode.metrics.ModuleRanking;
import dev.selfcode.metrics.TrendPredictor;
import dev.selfcode.metrics.WorstModule;
import dev.selfcode.sweep.RollbackWatch;
import dev.selfcode.web.Viewer;

/**
 * A repository's trend: its samples, the band the {@link TrendPredictor} drew around them, the worst modules
 * ({@link WorstModule}, as {@code selfcode worst} ranks them) and merges and rollbacks as events.
 */
@ApplicationScoped
public class TrendQueries {

    /** The newest samples shown. */
    public static final int SAMPLES = 500;
    /** The newest samples that get a predicted band (each is a fit over the {@link TrendPredictor#WINDOW} before). */
    public static final int BAND = 30;

    @Inject
    EntityManager em;
    @Inject
    TrendPredictor predictor;
    @Inject
    WorstModule worst;
    @Inject
    RepoQueries repos;

    /** Empty when the repository is unknown or not readable (both answer 404). */
    @Transactional
    public Optional<TrendView> trend(Viewer viewer, String repo) {
        if (!repos.visible(viewer, repo)) {
            return Optional.empty();
        }
        List<TrendView.Sample> samples = samples(em, repo, SAMPLES);
        double[] roi = samples.stream().mapToDouble(TrendView.Sample::roi).toArray();
        double[] errors = samples.stream().mapToDouble(TrendView.Sample::errors).toArray();
        Forecasts forecasts = forecasts(repo, samples, roi, errors);
        ModuleRanking ranking = worst.rank(repo);
        List<TrendView.Module> modules = ranking.modules().stream().map(m -> new TrendView.Module(m.file(),
                m.function().orElse(null), m.meanErrors(), m.samplesWithErrors(), m.latestErrors())).toList();
        return Optional.of(new TrendView(repo, samples, forecasts.band(), forecasts.nextRoi(), forecasts.nextErrors(),
                modules, ranking.window(), events(repo)));
    }

    /** The band and the next forecasts, and the samples they were fitted to (ids and values, oldest first). */
    record Forecasts(long[] ids, double[] roi, double[] errors, List<TrendView.Band> band, TrendView.Forecast nextRoi,
            TrendView.Forecast nextErrors) {

        boolean fittedTo(long[] ids, double[] roi, double[] errors) {
            return Arrays.equals(this.ids, ids) && Arrays.equals(this.roi, roi) && Arrays.equals(this.errors, errors);
        }
    }

    /**
     * Each point of the band is a fit of its own (a simplex search, some milliseconds): the fits of a repository are
     * kept until a sample they depend on changes, since samples arrive once a patch or a sweep and pages are read
     * far more often.
     */
    private final Map<String, Forecasts> fitted = new ConcurrentHashMap<>();

    private Forecasts forecasts(String repo, List<TrendView.Sample> samples, double[] roi, double[] errors) {
        int from = Math.max(0, samples.size() - BAND - TrendPredictor.WINDOW);
        long[] ids = samples.subList(from, samples.size()).stream().mapToLong(TrendView.Sample::id).toArray();
        double[] roiTail = Arrays.copyOfRange(roi, from, roi.length);
        double[] errorsTail = Arrays.copyOfRange(errors, from, errors.length);
        Forecasts cached = fitted.get(repo);
        if (cached != null && cached.fittedTo(ids, roiTail, errorsTail)) {
            return cached;
        }
        List<TrendView.Band> band = new ArrayList<>();
        for (int i = Math.max(0, samples.size() - BAND); i < samples.size(); i++) {
            band.add(new TrendView.Band(samples.get(i).id(), samples.get(i).at(), before(roi, i), before(errors, i)));
        }
        Forecasts made = new Forecasts(ids, roiTail, errorsTail, List.copyOf(band), next(roi), next(errors));
        fitted.put(repo, made);
        return made;
    }

    /** The forecast for point {@code i} from up to {@link TrendPredictor#WINDOW} points before it. */
    private TrendView.Forecast before(double[] series, int i) {
        int from = Math.max(0, i - TrendPredictor.WINDOW);
        double[] history = java.util.Arrays.copyOfRange(series, from, i);
        return view(predictor.forecast(history));
    }

    private TrendView.Forecast next(double[] series) {
        return before(series, series.length);
    }

    static TrendView.Forecast view(Optional<TrendPredictor.Forecast> forecast) {
        return forecast.map(f -> new TrendView.Forecast(f.value(), f.interval().bounded() ? f.interval().lower() : null,
                f.interval().bounded() ? f.interval().upper() : null, f.interval().level(), f.method().label(),
                f.points())).orElse(null);
    }

    /** The newest {@code limit} samples of a repository, oldest first. */
    static List<TrendView.Sample> samples(EntityManager em, String repo, int limit) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT id, sha, sampled_at, roi, errors, complexity, tests_passed,"
                + " tests_failed, tests_errored, lint_findings, coverage FROM metric_sample WHERE repo = ?1"
                + " ORDER BY sampled_at DESC, id DESC LIMIT ?2").setParameter(1, repo).setParameter(2, limit)
                .getResultList();
        List<TrendView.Sample> samples = new ArrayList<>();
        for (Object[] r : rows) {
            samples.add(new TrendView.Sample(Rows.longOf(r[0]), (String) r[1], Rows.instant(r[2]),
                    ((Number) r[3]).doubleValue(), ((Number) r[4]).doubleValue(), ((Number) r[5]).doubleValue(),
                    ((Number) r[6]).intValue(), ((Number) r[7]).intValue(), ((Number) r[8]).intValue(),
                    ((Number) r[9]).intValue(), Rows.doubleOrNull(r[10])));
        }
        Collections.reverse(samples);
        return samples;
    }

    /** Merges under the rollback watch, and the rollbacks of those that were reverted, oldest first. */
    List<TrendView.Event> events(String repo) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT patch_id, pr_number, merged_at, state, revert_branch,"
                + " revert_pr, updated_at FROM rollback_watch WHERE repo = ?1 ORDER BY merged_at, patch_id")
                .setParameter(1, repo).getResultList();
        List<TrendView.Event> events = new ArrayList<>();
        for (Object[] r : rows) {
            long patch = Rows.longOf(r[0]);
            Integer pr = Rows.intOrNull(r[1]);
            String state = (String) r[3];
            events.add(new TrendView.Event("merged", Rows.instant(r[2]), patch, pr, state));
            if (RollbackWatch.REVERTING.equals(state) || RollbackWatch.REVERTED.equals(state)) {
                String how = r[5] != null
                        ? "revert pull request #" + r[5]
                        : r[4] != null ? "revert branch " + r[4] : state;
                events.add(new TrendView.Event("rolled-back", Rows.instant(r[6]), patch, pr, how));
            }
        }
        events.sort(java.util.Comparator.comparing(TrendView.Event::at));
        return events;
    }
}
