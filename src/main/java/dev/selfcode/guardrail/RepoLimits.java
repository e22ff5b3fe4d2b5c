package dev.selfcode.guardrail;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.selfcode.config.RepoConfig;
import dev.selfcode.config.SelfcodeConfig;

/**
 * The limits in force on one repository: what its config asks for, else the server's default, never above the
 * server's cap. A value the cap lowered is kept as a {@link Clamp}, so a refusal can say why the repo's number did
 * not apply (clamping, not refusing the config: the server can enforce its cap, and a repo keeps working).
 */
public record RepoLimits(int maxOpenPrs, int maxPatchesPerDay, long maxTokensPerDay, int breaker, List<Clamp> clamped) {

    /** A repo value above the server's cap, and the cap used instead. */
    public record Clamp(Guard guard, long asked, long cap) {
    }

    public RepoLimits {
        clamped = List.copyOf(clamped);
    }

    public static RepoLimits of(SelfcodeConfig.Guardrails server, RepoConfig.Guardrails asked) {
        var caps = server.caps();
        List<Clamp> clamped = new ArrayList<>();
        long openPrs = pick(Guard.OPEN_PRS, asked.maxOpenPrs().isPresent() ? asked.maxOpenPrs().getAsInt() : null,
                server.maxOpenPrs(), caps.maxOpenPrs(), clamped);
        long patches = pick(Guard.PATCHES_PER_DAY, asked.maxPatchesPerDay().isPresent()
                ? asked.maxPatchesPerDay().getAsInt()
                : null, server.maxPatchesPerDay(), caps.maxPatchesPerDay(), clamped);
        long tokens = pick(Guard.TOKENS_PER_DAY, asked.maxTokensPerDay().isPresent()
                ? asked.maxTokensPerDay().getAsLong()
                : null, server.maxTokensPerDay(), caps.maxTokensPerDay(), clamped);
        long breaker = pick(Guard.BREAKER, asked.breaker().isPresent() ? asked.breaker().getAsInt() : null,
                server.breaker(), caps.breaker(), clamped);
        return new RepoLimits((int) openPrs, (int) patches, tokens, (int) breaker, clamped);
    }

    /** The server's defaults (within its caps): for a repository whose config cannot be read. */
    public static RepoLimits serverDefaults(SelfcodeConfig.Guardrails server) {
        return of(server, RepoConfig.Guardrails.SERVER_DEFAULTS);
    }

    /** The repo's value, else the default; at most the cap (a default above the cap is a server mistake: capped). */
    private static long pick(Guard guard, Number asked, long serverDefault, long cap, List<Clamp> clamped) {
        if (asked == null) {
            return Math.max(1, Math.min(serverDefault, cap));
        }
        if (asked.longValue() > cap) {
            clamped.add(new Clamp(guard, asked.longValue(), cap));
            return cap;
        }
        return asked.longValue();
    }

    public long limit(Guard guard) {
        return switch (guard) {
            case BREAKER -> breaker;
            case OPEN_PRS -> maxOpenPrs;
            case PATCHES_PER_DAY -> maxPatchesPerDay;
            case TOKENS_PER_DAY -> maxTokensPerDay;
        };
    }

    public Optional<Clamp> clampOf(Guard guard) {
        return clamped.stream().filter(c -> c.guard() == guard).findFirst();
    }
}
