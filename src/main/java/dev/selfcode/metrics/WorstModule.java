package dev.selfcode.metrics;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/**
 * The original engine's worst-module rule: the file with the highest mean errors over the repository's newest samples
 * (the last {@value #ROWS} module rows; at least {@value ModuleRanking#MIN_SAMPLES} samples; ties go to the module
 * whose errors are the more recent), and in it the chunk with the most attributed errors. Sweeps refactor that chunk;
 * {@code selfcode worst} shows the ranking.
 */
@ApplicationScoped
public class WorstModule {

    /** The newest module rows the rule reads, as the original did. */
    public static final int ROWS = 100;
    /** The most samples a window spans. */
    static final int MAX_WINDOW = 100;

    /** The module the rule picks for {@code repo}, when it has enough samples and any errors. */
    public Optional<ModuleRanking.Module> find(String repo) {
        return rank(repo).worst();
    }

    /** Every module with errors in the window, worst first. */
    @Transactional
    public ModuleRanking rank(String repo) {
        long samples = MetricSample.count("repo", repo);
        List<Long> newest = MetricSample.getEntityManager()
                .createQuery("select s.id from MetricSample s where s.repo = :repo order by s.sampledAt desc, s.id desc",
                        Long.class)
                .setParameter("repo", repo).setMaxResults(MAX_WINDOW).getResultList();
        List<Object[]> rows = MetricSample.getEntityManager().createQuery(
                "select m.sampleId, m.file, m.function, m.lintFindings + m.testFailures from ModuleErrorSample m"
                        + " join MetricSample s on s.id = m.sampleId where m.repo = :repo"
                        + " order by s.sampledAt desc, s.id desc, m.id",
                Object[].class).setParameter("repo", repo).setMaxResults(ROWS).getResultList();
        Map<Long, Integer> position = new HashMap<>();
        for (int i = 0; i < newest.size(); i++) {
            position.put(newest.get(i), i);
        }
        List<Row> window = new ArrayList<>();
        int oldest = -1;
        for (Object[] r : rows) {
            Integer at = position.get((Long) r[0]);
            if (at != null) {
                window.add(new Row(at, (String) r[1], (String) r[2], ((Number) r[3]).intValue()));
                oldest = Math.max(oldest, at);
            }
        }
        // With all of the newest rows read, the window ends at the oldest sample they reach; else it spans every
        // sample read (clean samples count as zero errors for every module).
        int size = rows.size() >= ROWS ? oldest + 1 : newest.size();
        return new ModuleRanking(samples, size, rows.size(), rank(window, size));
    }

    /** One module row of the window: the sample's position (0 the newest), file, function, errors. */
    record Row(int sample, String file, String function, int errors) {
    }

    /** The files of {@code rows} ranked over {@code window} samples, each with its worst chunk. */
    static List<ModuleRanking.Module> rank(List<Row> rows, int window) {
        Map<String, int[]> byFile = new LinkedHashMap<>();
        Map<String, Map<String, int[]>> byFunction = new LinkedHashMap<>();
        for (Row r : rows) {
            byFile.computeIfAbsent(r.file(), f -> new int[window])[r.sample()] += r.errors();
            if (r.function() != null) {
                byFunction.computeIfAbsent(r.file(), f -> new LinkedHashMap<>())
                        .computeIfAbsent(r.function(), f -> new int[window])[r.sample()] += r.errors();
            }
        }
        List<ModuleRanking.Module> modules = new ArrayList<>();
        List<Map.Entry<String, int[]>> files = new ArrayList<>(byFile.entrySet());
        files.sort(worstFirst());
        for (Map.Entry<String, int[]> file : files) {
            int[] errors = file.getValue();
            Optional<String> chunk = byFunction.getOrDefault(file.getKey(), Map.of()).entrySet().stream()
                    .sorted(worstFirst()).map(Map.Entry::getKey).findFirst();
            int with = 0;
            for (int e : errors) {
                with += e > 0 ? 1 : 0;
            }
            modules.add(new ModuleRanking.Module(file.getKey(), chunk, (double) sum(errors) / window, with,
                    errors[0]));
        }
        return modules;
    }

    /**
     * Most errors first; equal totals (hence means) go to the one with more errors in the newest sample, then the
     * next newest, and so on; then by name.
     */
    private static Comparator<Map.Entry<String, int[]>> worstFirst() {
        return (a, b) -> {
            int byTotal = Long.compare(sum(b.getValue()), sum(a.getValue()));
            if (byTotal != 0) {
                return byTotal;
            }
            int byRecency = java.util.Arrays.compare(b.getValue(), a.getValue());
            return byRecency != 0 ? byRecency : a.getKey().compareTo(b.getKey());
        };
    }

    private static long sum(int[] errors) {
        long total = 0;
        for (int e : errors) {
            total += e;
        }
        return total;
    }
}
