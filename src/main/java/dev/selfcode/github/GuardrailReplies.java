package dev.selfcode.github;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

import dev.selfcode.guardrail.Guard;
import dev.selfcode.guardrail.Guardrails;
import dev.selfcode.guardrail.Refusal;
import dev.selfcode.guardrail.RepoLimits;

/** What Selfcode says on GitHub when a guardrail stops it, and about its circuit breaker (templates/github/). */
@CheckedTemplate(basePath = "github")
final class GuardrailReplies {

    private GuardrailReplies() {
    }

    static native TemplateInstance openPrsReply(long count, long limit, String pulls, String clampNote);

    static native TemplateInstance patchesReply(long count, long limit, String resetsAt, String clampNote);

    static native TemplateInstance tokensReply(long count, long limit, String resetsAt, String clampNote);

    static native TemplateInstance breakerOpenReply(long inARow, long limit);

    static native TemplateInstance breakerTripped(long inARow, long limit, String clampNote);

    static native TemplateInstance resetDone(String user, boolean wasOpen, long inARow, long limit);

    static native TemplateInstance resetDenied(String user);

    static native TemplateInstance resetUsage();

    /** The one reply a refused command gets. */
    static String refused(Refusal r) {
        String clamp = r.clamp().map(GuardrailReplies::clampNote).orElse(null);
        String resets = r.resetsAtText().orElse("?");
        return switch (r.guard()) {
            case BREAKER -> breakerOpenReply(r.count(), r.limit()).render();
            case OPEN_PRS -> openPrsReply(r.count(), r.limit(), r.pullsText(), clamp).render();
            case PATCHES_PER_DAY -> patchesReply(r.count(), r.limit(), resets, clamp).render();
            case TOKENS_PER_DAY -> tokensReply(r.count(), r.limit(), resets, clamp).render();
        };
    }

    static String tripped(Guardrails.BreakerState state, RepoLimits limits) {
        return breakerTripped(state.inARow(), state.limit(),
                limits.clampOf(Guard.BREAKER).map(GuardrailReplies::clampNote).orElse(null))
                .render();
    }

    private static String clampNote(RepoLimits.Clamp c) {
        return "(`.github/selfcode.yml` asks for " + c.asked() + "; this server allows at most " + c.cap() + ".)";
    }
}
