package dev.selfcode.metrics;

import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

/** Records the tries of a patch request, each as its own row, as they finish; the last one gets the decision. */
@ApplicationScoped
public class PatchTries {

    /** The most of a try's reasons kept (they may quote a log). */
    static final int MAX_REASONS = 8000;

    /** What one finished try was and cost. */
    public record Try(int number, Long interactionId, String generator, String decision, String reasons,
            int promptTokens, int completionTokens) {
    }

    @Transactional(TxType.REQUIRES_NEW)
    public void add(long patchId, Try t) {
        PatchTry row = new PatchTry();
        row.patchId = patchId;
        row.tryNumber = t.number();
        row.interactionId = t.interactionId();
        row.generator = t.generator();
        row.decision = t.decision();
        row.reasons = t.reasons() == null ? null : cap(t.reasons());
        row.promptTokens = t.promptTokens();
        row.completionTokens = t.completionTokens();
        row.createdAt = Instant.now();
        row.persist();
    }

    /** Sets the decision of the patch's last try (the one the patch's own decision is on); no row: nothing. */
    @Transactional(TxType.REQUIRES_NEW)
    public void decideLast(long patchId, String decision, String reasons) {
        List<PatchTry> rows = PatchTry.list("patchId = ?1 order by tryNumber", patchId);
        if (!rows.isEmpty()) {
            PatchTry last = rows.get(rows.size() - 1);
            last.decision = decision;
            last.reasons = reasons == null ? null : cap(reasons);
        }
    }

    /** The patch's tries, first first. */
    @Transactional
    public List<PatchTry> of(long patchId) {
        return PatchTry.list("patchId = ?1 order by tryNumber", patchId);
    }

    private static String cap(String text) {
        return text.length() <= MAX_REASONS ? text : text.substring(0, MAX_REASONS) + "…";
    }
}
