package dev.selfcode.llm;

import java.util.Arrays;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import dev.selfcode.memory.GptInteraction;
import dev.selfcode.text.Tokens;

/**
 * How much of a helper prompt is the same as the previous helper prompt on the same file, from its first character:
 * the part a provider's prompt-prefix cache can reuse.
 */
@ApplicationScoped
class SharedPrefix {

    /** The previous helper prompt logged for {@code filePath} in {@code repo}, as it was sent. */
    @Transactional
    Optional<String> previous(String repo, String filePath) {
        if (filePath == null) {
            return Optional.empty();
        }
        String tag = "file:" + filePath.replaceAll("[,\\s]+", "_");
        // The tag is matched exactly below; LIKE only narrows the rows read.
        String like = "%" + tag.replace("%", "_") + "%";
        var rows = repo == null
                ? GptInteraction.<GptInteraction>find("repo is null and purpose = ?1 and tags like ?2 order by id desc",
                        GptInteraction.GENERATE, like)
                : GptInteraction.<GptInteraction>find("repo = ?1 and purpose = ?2 and tags like ?3 order by id desc",
                        repo, GptInteraction.GENERATE, like);
        return rows.page(0, 20).list().stream().filter(g -> g.tags != null && Arrays.asList(g.tags.split(",")).contains(tag)
                && !g.tags.contains("task:rewrite"))
                .map(g -> g.prompt).findFirst();
    }

    /** The share of {@code current}'s tokens in the longest prefix it has in common with {@code previous}. */
    static double share(String previous, String current, Tokens tokens) {
        int total = tokens.count(current);
        if (total == 0) {
            return 0;
        }
        int n = Math.min(previous.length(), current.length());
        int common = 0;
        while (common < n && previous.charAt(common) == current.charAt(common)) {
            common++;
        }
        return Math.min(1.0, tokens.count(current.substring(0, common)) / (double) total);
    }
}
