package dev.selfcode.guardrail;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Why a guardrail stopped work on a repository, with the numbers a reply shows.
 *
 * @param guard       the limit reached
 * @param count       where the repository stands (open PRs, patches or tokens in the window, rejections in a row)
 * @param limit       the limit in force
 * @param resetsAt    when the count falls below the limit by itself (the oldest counted item leaves the 24-hour
 *                    window); empty for open PRs (one must close) and the breaker (a maintainer resets it)
 * @param openPulls   the open Selfcode pull requests, for {@link Guard#OPEN_PRS}
 * @param clamp       the repo's value the server's cap replaced, if it did
 */
public record Refusal(Guard guard, long count, long limit, Optional<Instant> resetsAt, List<Integer> openPulls,
        Optional<RepoLimits.Clamp> clamp) {

    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    public Refusal {
        openPulls = List.copyOf(openPulls);
    }

    /** When the limit resets, in words a reply can use ("2026-11-30 17:05 UTC"), empty when time does not reset it. */
    public Optional<String> resetsAtText() {
        return resetsAt.map(UTC::format);
    }

    /** {@code #4, #7}: the open pull requests. */
    public String pullsText() {
        return openPulls.stream().map(n -> "#" + n).collect(Collectors.joining(", "));
    }

    /** One line for logs and the command line. */
    public String line() {
        String when = switch (guard) {
            case BREAKER -> "until a reset";
            case OPEN_PRS -> "until one of " + pullsText() + " is merged or closed";
            case PATCHES_PER_DAY, TOKENS_PER_DAY -> "until " + resetsAtText().orElse("the window moves on");
        };
        return guard.key + ": " + count + " of " + limit + ", blocked " + when
                + clamp.map(c -> " (the repo asks for " + c.asked() + "; the server caps it at " + c.cap() + ")")
                        .orElse("");
    }
}
