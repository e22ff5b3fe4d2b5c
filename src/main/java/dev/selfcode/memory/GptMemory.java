package dev.selfcode.memory;

import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import org.jboss.logging.Logger;

import dev.selfcode.code.ContentHash;
import dev.selfcode.embedding.Embedder;
import dev.selfcode.embedding.Vectors;
import dev.selfcode.safety.SecretScanner;

/**
 * The log of every prompt and answer (or error), with its cost, and what became of the patch it fed; remembered by
 * meaning: each interaction carries the embedding of what it was about, {@link #similar} ranks by cosine (by shared
 * keywords for rows without one), the same text is remembered once, and per tag only the newest rows are kept whole.
 *
 * <p>
 * Each write runs in its own transaction, so a call is recorded even when the caller's work fails or has no
 * transaction at all.
 */
@ApplicationScoped
public class GptMemory {

    private static final Logger LOG = Logger.getLogger(GptMemory.class);

    static final int MAX_TEXT_CHARS = 1_000_000;
    static final int MAX_ERROR_CHARS = 8_000;
    static final int MAX_TAGS_CHARS = 512;
    /** How many recent entries of a repository {@link #similar} compares. */
    static final int SIMILAR_WINDOW = 200;
    /** Below this cosine an entry is not similar at all (unrelated sentences score about 0 to 0.2 with this model). */
    static final double MIN_COSINE = 0.25;

    /** The memory tags of the original engine: what an interaction is remembered as. */
    public static final String FEEDBACK = "feedback";
    public static final String IMPROVEMENT_PATH = "improvement_path";
    public static final String ERROR_FIX = "error_fix";
    public static final String INSIGHT = "insight";
    public static final List<String> TAGS = List.of(FEEDBACK, IMPROVEMENT_PATH, ERROR_FIX, INSIGHT);
    /** Purpose of a row that folds older rows of one tag. */
    public static final String SUMMARY = "summary";

    @Inject
    Embedder embedder;
    @Inject
    FoldOldInteractions fold;

    /**
     * One call to a model, as recorded.
     *
     * @param purpose          why it was made ({@link GptInteraction#GENERATE}, ...)
     * @param repo             owner/name, or null outside a repository
     * @param model            the model that answered, or the one asked when none answered
     * @param prompt           the prompt as sent
     * @param response         the raw answer, null when none came
     * @param error            what went wrong, null on success
     * @param promptTokens     null when unknown
     * @param completionTokens null when unknown
     * @param latencyMs        time from sending to answer or failure
     * @param tags             free labels, such as {@code lang:python}; one of {@link #TAGS} says what it is remembered
     *                         as (else {@link #IMPROVEMENT_PATH})
     * @param subject          what the call was about (the request's description), null to use the prompt's start
     */
    public record Interaction(String purpose, String repo, String model, String prompt, String response, String error,
            Integer promptTokens, Integer completionTokens, long latencyMs, List<String> tags, String subject) {

        /** A call whose subject is the prompt's start. */
        public Interaction(String purpose, String repo, String model, String prompt, String response, String error,
                Integer promptTokens, Integer completionTokens, long latencyMs, List<String> tags) {
            this(purpose, repo, model, prompt, response, error, promptTokens, completionTokens, latencyMs, tags, null);
        }
    }

    /** A past interaction and how similar it is to the text asked about (0..1). */
    public record Match(GptInteraction interaction, double score) {
    }

    /**
     * Records one call; returns its id. A call whose tag, prompt and answer repeat an earlier row of the repository
     * is still recorded (its tokens count against the budgets) but as a duplicate: no embedding, never similar, never
     * folded as memory of its own.
     */
    @Transactional(TxType.REQUIRES_NEW)
    public long log(Interaction call) {
        GptInteraction row = new GptInteraction();
        row.purpose = cap(Objects.requireNonNull(call.purpose(), "purpose"), 32);
        row.repo = call.repo() == null ? null : cap(call.repo(), 191);
        row.model = call.model() == null ? null : cap(call.model(), 128);
        row.prompt = cap(Objects.requireNonNullElse(call.prompt(), ""), MAX_TEXT_CHARS);
        row.response = call.response() == null ? null : cap(call.response(), MAX_TEXT_CHARS);
        row.error = call.error() == null ? null : cap(call.error(), MAX_ERROR_CHARS);
        String tag = memoryTag(call.tags());
        row.tags = tags(call.tags(), tag);
        row.subject = call.subject() == null ? null : cap(call.subject(), 4_000);
        row.promptTokens = call.promptTokens();
        row.completionTokens = call.completionTokens();
        row.latencyMs = call.latencyMs();
        row.createdAt = Instant.now();
        row.textHash = textHash(tag, row.prompt, row.response);
        if (row.repo != null) {
            row.duplicateOf = GptInteraction.<GptInteraction>find(
                    "repo = ?1 and textHash = ?2 and duplicateOf is null order by id", row.repo, row.textHash)
                    .firstResultOptional().map(r -> r.id).orElse(null);
        }
        if (row.duplicateOf == null) {
            row.embedding = embedding(row.subject != null ? row.subject : row.prompt);
        }
        row.persist();
        if (row.repo != null && row.duplicateOf == null) {
            fold.run(row.repo, tag, row.createdAt);
        }
        return row.id;
    }

    /** Ties a logged call to the patch it produced, so {@link #recordOutcome} reaches it. */
    @Transactional(TxType.REQUIRES_NEW)
    public void linkToPatch(long interactionId, long patchId) {
        GptInteraction.update("patchId = ?1 where id = ?2", patchId, interactionId);
    }

    /**
     * Ties a logged call to its patch and says what it was about (the request's description): that, not the
     * prompt (whose start is the same instructions every time), is what later requests are compared with.
     */
    @Transactional(TxType.REQUIRES_NEW)
    public void linkToPatch(long interactionId, long patchId, String subject) {
        GptInteraction row = GptInteraction.findById(interactionId);
        if (row == null) {
            return;
        }
        row.patchId = patchId;
        if (subject != null && !subject.isBlank() && !subject.equals(row.subject)) {
            row.subject = cap(subject, 4_000);
            if (row.duplicateOf == null) {
                row.embedding = embedding(row.subject);
            }
        }
    }

    /**
     * Feeds back what became of a patch (kept, reverted, merged, closed, ...) to every call linked to it.
     *
     * @return how many interactions were updated
     */
    @Transactional(TxType.REQUIRES_NEW)
    public int recordOutcome(long patchId, String outcome) {
        if (outcome == null || outcome.isBlank()) {
            throw new IllegalArgumentException("outcome must not be blank");
        }
        return GptInteraction.update("outcome = ?1 where patchId = ?2", cap(outcome.strip(), 16), patchId);
    }

    /** Recent interactions of {@code repo} most similar to {@code text}, whatever their tag. */
    @Transactional(TxType.SUPPORTS)
    public List<Match> similar(String repo, String text, int limit) {
        return similar(repo, text, Set.of(), limit);
    }

    /**
     * Recent interactions of {@code repo} with one of {@code tags} (any when empty), most similar to {@code query}
     * first: by the cosine of their embeddings, or by shared keywords for a row that has none (rows from before
     * memory by meaning). Duplicates are left out; summaries of folded rows take part.
     */
    @Transactional(TxType.SUPPORTS)
    public List<Match> similar(String repo, String query, Collection<String> tags, int k) {
        Set<String> words = Keywords.of(query);
        // A query of nothing but filler words ("the and for") asks about nothing, by meaning or by keywords.
        if (words.isEmpty() || k <= 0 || repo == null) {
            return List.of();
        }
        List<GptInteraction> rows = GptInteraction.<GptInteraction>find(
                "repo = ?1 and duplicateOf is null order by createdAt desc, id desc", repo).page(0, SIMILAR_WINDOW)
                .list().stream().filter(r -> tags.isEmpty() || tags.stream().anyMatch(t -> hasTag(r, t))).toList();
        if (rows.isEmpty()) {
            return List.of();
        }
        float[] wanted = rows.stream().anyMatch(r -> r.embedding != null) ? Vectors.fromBytes(embedding(query)) : null;
        return rows.stream().map(r -> new Match(r, score(r, wanted, words)))
                .filter(m -> m.interaction().embedding != null && wanted != null
                        ? m.score() >= MIN_COSINE
                        : m.score() > 0)
                .sorted(Comparator.comparingDouble(Match::score).reversed()).limit(k).toList();
    }

    /**
     * Folds the rows of {@code tag} beyond the newest kept ones into the tag's summary row (see
     * {@link FoldOldInteractions}); returns how many were folded. {@link #log} does this after every new row.
     */
    @Transactional(TxType.REQUIRES_NEW)
    public int compact(String repo, String tag) {
        return fold.run(repo, tag, Instant.now());
    }

    /** {@link #compact} keeping the newest {@code keep} rows instead of the configured number. */
    @Transactional(TxType.REQUIRES_NEW)
    int compact(String repo, String tag, int keep) {
        return fold.run(repo, tag, Instant.now(), keep);
    }

    private static double score(GptInteraction row, float[] wanted, Set<String> words) {
        if (row.embedding != null && wanted != null) {
            return Vectors.cosine(wanted, Vectors.fromBytes(row.embedding));
        }
        return Keywords.similarity(words, Keywords.of(searchableText(row)));
    }

    static boolean hasTag(GptInteraction row, String tag) {
        return row.tags != null && ("," + row.tags + ",").contains("," + tag + ",");
    }

    /** The vector of {@code text} with secrets taken out; null when the model cannot run (keywords then stand in). */
    byte[] embedding(String text) {
        try {
            return Vectors.toBytes(embedder.embed(SecretScanner.redacted(text)));
        } catch (RuntimeException | LinkageError e) {
            LOG.warnf(e, "could not embed a memory entry; it is matched by keywords");
            return null;
        }
    }

    /** The memory tag among {@code tags}, else {@link #IMPROVEMENT_PATH} (a call that writes code improves it). */
    static String memoryTag(List<String> tags) {
        return tags == null
                ? IMPROVEMENT_PATH
                : tags.stream().filter(TAGS::contains).findFirst().orElse(IMPROVEMENT_PATH);
    }

    /** Same tag and the same prompt and answer up to case and white space: the same memory. */
    static String textHash(String tag, String prompt, String response) {
        return ContentHash.sha256(tag + "\u0000" + normalized(prompt) + "\u0000" + normalized(response));
    }

    static String normalized(String text) {
        return text == null ? "" : text.strip().replaceAll("\\s+", " ").toLowerCase(java.util.Locale.ROOT);
    }

    private static String searchableText(GptInteraction row) {
        return Objects.requireNonNullElse(row.tags, "") + " " + Objects.requireNonNullElse(row.subject, "") + " "
                + Objects.requireNonNullElse(row.prompt, "");
    }

    /** The labels as given, then the memory tag (kept whole when the labels are capped). */
    private static String tags(List<String> tags, String memoryTag) {
        List<String> labels = tags == null
                ? List.of()
                : tags.stream().filter(Objects::nonNull).map(t -> t.replaceAll("[,\\s]+", "_")).filter(t -> !t.isEmpty())
                        .distinct().toList();
        if (labels.contains(memoryTag)) {
            return cap(String.join(",", labels), MAX_TAGS_CHARS);
        }
        String given = cap(String.join(",", labels), MAX_TAGS_CHARS - memoryTag.length() - 1);
        return given.isEmpty() ? memoryTag : given + "," + memoryTag;
    }

    static String cap(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }
}
