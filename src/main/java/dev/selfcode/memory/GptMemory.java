package dev.selfcode.memory;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

/**
 * The log of every prompt and answer (or error), with its cost, and what became of the patch it fed.
 *
 * <p>
 * Each write runs in its own transaction, so a call is recorded even when the caller's work fails or has no
 * transaction at all.
 */
@ApplicationScoped
public class GptMemory {

    static final int MAX_TEXT_CHARS = 1_000_000;
    static final int MAX_ERROR_CHARS = 8_000;
    static final int MAX_TAGS_CHARS = 512;
    /** How many recent entries of a repository {@link #similar} compares. */
    static final int SIMILAR_WINDOW = 200;

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
     * @param tags             free labels, such as {@code lang:python}
     */
    public record Interaction(String purpose, String repo, String model, String prompt, String response, String error,
            Integer promptTokens, Integer completionTokens, long latencyMs, List<String> tags) {
    }

    /** A past interaction and how similar it is to the text asked about (0..1). */
    public record Match(GptInteraction interaction, double score) {
    }

    /** Records one call; returns its id. */
    @Transactional(TxType.REQUIRES_NEW)
    public long log(Interaction call) {
        GptInteraction row = new GptInteraction();
        row.purpose = cap(Objects.requireNonNull(call.purpose(), "purpose"), 32);
        row.repo = call.repo() == null ? null : cap(call.repo(), 191);
        row.model = call.model() == null ? null : cap(call.model(), 128);
        row.prompt = cap(Objects.requireNonNullElse(call.prompt(), ""), MAX_TEXT_CHARS);
        row.response = call.response() == null ? null : cap(call.response(), MAX_TEXT_CHARS);
        row.error = call.error() == null ? null : cap(call.error(), MAX_ERROR_CHARS);
        row.tags = tags(call.tags());
        row.promptTokens = call.promptTokens();
        row.completionTokens = call.completionTokens();
        row.latencyMs = call.latencyMs();
        row.createdAt = Instant.now();
        row.persist();
        return row.id;
    }

    /** Ties a logged call to the patch it produced, so {@link #recordOutcome} reaches it. */
    @Transactional(TxType.REQUIRES_NEW)
    public void linkToPatch(long interactionId, long patchId) {
        GptInteraction.update("patchId = ?1 where id = ?2", patchId, interactionId);
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

    /**
     * Recent interactions of {@code repo} that share the most keywords with {@code text}, best first; only
     * those sharing at least one. A first version: embeddings will replace the keyword overlap.
     */
    @Transactional(TxType.SUPPORTS)
    public List<Match> similar(String repo, String text, int limit) {
        Set<String> wanted = Keywords.of(text);
        if (wanted.isEmpty() || limit <= 0 || repo == null) {
            return List.of();
        }
        return GptInteraction.recent(repo, SIMILAR_WINDOW).stream()
                .map(row -> new Match(row, Keywords.similarity(wanted, Keywords.of(searchableText(row)))))
                .filter(m -> m.score() > 0)
                .sorted(Comparator.comparingDouble(Match::score).reversed())
                .limit(limit)
                .toList();
    }

    private static String searchableText(GptInteraction row) {
        return Objects.requireNonNullElse(row.tags, "") + " " + Objects.requireNonNullElse(row.prompt, "");
    }

    private static String tags(List<String> tags) {
        if (tags == null || tags.isEmpty()) {
            return null;
        }
        String joined = tags.stream().filter(Objects::nonNull).map(t -> t.replaceAll("[,\\s]+", "_"))
                .filter(t -> !t.isEmpty()).distinct().collect(Collectors.joining(","));
        return joined.isEmpty() ? null : cap(joined, MAX_TAGS_CHARS);
    }

    private static String cap(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }
}
