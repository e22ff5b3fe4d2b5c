package dev.selfcode.memory;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.jboss.logging.Logger;

import dev.selfcode.config.SelfcodeConfig;
import dev.selfcode.embedding.Embedder;
import dev.selfcode.embedding.Vectors;
import dev.selfcode.text.Text;

/**
 * Keeps the newest {@code selfcode.memory.keep-per-tag} (default 100) interactions of each tag whole and folds older ones into one
 * summary row per repository and tag: a line per folded row (when, which patch and what became of it, what it was
 * about), so the links to patches and outcomes stay readable after the prompt is gone.
 *
 * <p>
 * What a fold may touch: only rows older than the budgets' window and then some ({@code selfcode.memory.fold-after},
 * at least 24 hours), so the token budget never forgets spending inside its window; never a row whose patch was kept
 * and may still be merged or closed (its outcome is still to be written); never a duplicate on its own (duplicates
 * of a folded row then point at the summary). The summary has no tokens of its own and is dated like the newest row
 * it folded, never now. Callers hold the transaction.
 */
@ApplicationScoped
class FoldOldInteractions {

    private static final Logger LOG = Logger.getLogger(FoldOldInteractions.class);
    /** What a summary row holds at most; the oldest lines go first. */
    static final int MAX_SUMMARY_CHARS = 16_000;
    /** Rows folded in one go: a repository that falls far behind catches up over several writes. */
    static final int MAX_PER_FOLD = 500;
    static final Duration BUDGET_WINDOW = Duration.ofHours(24);
    /** A kept patch's outcome is still to come (merged or closed): such rows stay whole. */
    static final String KEPT = "KEEP";

    @Inject
    EntityManager em;
    @Inject
    Embedder embedder;

    @Inject
    SelfcodeConfig config;

    /** Folds the old rows of {@code tag} in {@code repo}; returns how many were folded. */
    int run(String repo, String tag, Instant now) {
        return run(repo, tag, now, config.memory().keepPerTag());
    }

    /** Folds keeping the newest {@code keep} rows of the tag. */
    int run(String repo, String tag, Instant now, int keep) {
        String like = "%," + tag + ",%";
        long count = em.createQuery("select count(g) from GptInteraction g where g.repo = :repo and g.duplicateOf is null"
                + " and g.purpose <> :summary and concat(',', g.tags, ',') like :tag", Long.class)
                .setParameter("repo", repo).setParameter("summary", GptMemory.SUMMARY).setParameter("tag", like)
                .getSingleResult();
        if (count <= keep) {
            return 0;
        }
        Duration foldAfter = config.memory().foldAfter();
        Instant cutoff = now.minus(foldAfter.compareTo(BUDGET_WINDOW) < 0 ? BUDGET_WINDOW : foldAfter);
        List<Object[]> old = em.createQuery("select g.id, g.createdAt, g.patchId, g.outcome, g.subject,"
                + " substring(g.prompt, 1, 300) from GptInteraction g where g.repo = :repo and g.duplicateOf is null"
                + " and g.purpose <> :summary and concat(',', g.tags, ',') like :tag order by g.createdAt desc, g.id desc",
                Object[].class).setParameter("repo", repo).setParameter("summary", GptMemory.SUMMARY)
                .setParameter("tag", like).setFirstResult(keep).setMaxResults(MAX_PER_FOLD).getResultList();
        List<Long> ids = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        Instant newest = null;
        for (Object[] r : old) {
            Instant at = (Instant) r[1];
            Long patch = (Long) r[2];
            String outcome = (String) r[3];
            if (!at.isBefore(cutoff) || (patch != null && (outcome == null || KEPT.equals(outcome)))) {
                continue;
            }
            ids.add((Long) r[0]);
            newest = newest == null || at.isAfter(newest) ? at : newest;
            String about = r[4] != null ? (String) r[4] : (String) r[5];
            lines.add("- " + at.atOffset(ZoneOffset.UTC).toLocalDate()
                    + (patch == null ? "" : " patch #" + patch + (outcome == null ? "" : " " + outcome)) + ": "
                    + Text.oneLine(about == null ? "" : about, 160));
        }
        if (ids.isEmpty()) {
            return 0;
        }
        GptInteraction summary = summary(repo, tag);
        int folded = (summary.folded == null ? 0 : summary.folded) + ids.size();
        String previous = summary.prompt == null
                ? ""
                : summary.prompt.lines().skip(1)
                        .collect(java.util.stream.Collectors.joining("\n"));
        summary.folded = folded;
        summary.subject = "Summary of " + folded + " earlier " + tag + " interactions";
        summary.prompt = Text.cap(summary.subject + ":\n" + String.join("\n", lines)
                + (previous.isEmpty() ? "" : "\n" + previous), MAX_SUMMARY_CHARS);
        summary.createdAt = summary.createdAt == null || newest.isAfter(summary.createdAt) ? newest : summary.createdAt;
        summary.embedding = embedding(summary.prompt);
        if (summary.id == null) {
            summary.persist();
        }
        em.flush();
        em.createQuery("update GptInteraction g set g.duplicateOf = :summary where g.duplicateOf in :ids")
                .setParameter("summary", summary.id).setParameter("ids", ids).executeUpdate();
        em.createQuery("delete from GptInteraction g where g.id in :ids").setParameter("ids", ids).executeUpdate();
        LOG.debugf("folded %d %s interactions of %s", ids.size(), tag, repo);
        return ids.size();
    }

    private GptInteraction summary(String repo, String tag) {
        return GptInteraction.<GptInteraction>find("repo = ?1 and purpose = ?2 and tags = ?3", repo,
                GptMemory.SUMMARY, tag + "," + GptMemory.SUMMARY).firstResultOptional().orElseGet(() -> {
                    GptInteraction row = new GptInteraction();
                    row.repo = repo;
                    row.purpose = GptMemory.SUMMARY;
                    row.tags = tag + "," + GptMemory.SUMMARY;
                    return row;
                });
    }

    private byte[] embedding(String text) {
        try {
            return Vectors.toBytes(embedder.embed(text));
        } catch (RuntimeException | LinkageError e) {
            LOG.warnf(e, "could not embed a memory summary; it is matched by keywords");
            return null;
        }
    }
}
