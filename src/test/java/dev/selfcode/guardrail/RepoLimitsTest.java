package dev.selfcode.guardrail;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;

import dev.selfcode.config.RepoConfig;
import dev.selfcode.config.SelfcodeConfig;

/** Limits in force: the repo's value, else the server's default, never above the server's cap; and reset times. */
class RepoLimitsTest {

    /** Defaults 3 / 10 / 200000 / 3, caps 5 / 20 / 400000 / 6. */
    static final SelfcodeConfig.Guardrails SERVER = server(3, 10, 200_000, 3, 5, 20, 400_000, 6);

    static SelfcodeConfig.Guardrails server(int prs, int patches, long tokens, int breaker, int capPrs, int capPatches,
            long capTokens, int capBreaker) {
        return new SelfcodeConfig.Guardrails() {

            public int maxOpenPrs() {
                return prs;
            }

            public int maxPatchesPerDay() {
                return patches;
            }

            public long maxTokensPerDay() {
                return tokens;
            }

            public int breaker() {
                return breaker;
            }

            public Caps caps() {
                return new Caps() {

                    public int maxOpenPrs() {
                        return capPrs;
                    }

                    public int maxPatchesPerDay() {
                        return capPatches;
                    }

                    public long maxTokensPerDay() {
                        return capTokens;
                    }

                    public int breaker() {
                        return capBreaker;
                    }
                };
            }
        };
    }

    @Test
    void withoutRepoValuesTheServerDefaultsApply() {
        RepoLimits l = RepoLimits.serverDefaults(SERVER);
        assertThat(l).isEqualTo(new RepoLimits(3, 10, 200_000, 3, List.of()));
    }

    @Test
    void aRepoMayLowerOrRaiseUpToTheCap() {
        RepoLimits l = RepoLimits.of(SERVER, new RepoConfig.Guardrails(OptionalInt.of(1), OptionalInt.of(20),
                OptionalLong.of(50), OptionalInt.of(6)));
        assertThat(l).isEqualTo(new RepoLimits(1, 20, 50, 6, List.of()));
    }

    @Test
    void aRepoValueAboveTheCapIsClampedAndRemembered() {
        RepoLimits l = RepoLimits.of(SERVER, new RepoConfig.Guardrails(OptionalInt.of(50), OptionalInt.empty(),
                OptionalLong.of(9_000_000), OptionalInt.of(1000)));
        assertThat(l.maxOpenPrs()).isEqualTo(5);
        assertThat(l.maxPatchesPerDay()).isEqualTo(10);
        assertThat(l.maxTokensPerDay()).isEqualTo(400_000);
        assertThat(l.breaker()).isEqualTo(6);
        assertThat(l.clamped()).containsExactly(new RepoLimits.Clamp(Guard.OPEN_PRS, 50, 5),
                new RepoLimits.Clamp(Guard.TOKENS_PER_DAY, 9_000_000, 400_000), new RepoLimits.Clamp(Guard.BREAKER, 1000, 6));
        assertThat(l.clampOf(Guard.PATCHES_PER_DAY)).isEmpty();
    }

    @Test
    void aServerDefaultAboveItsOwnCapIsCapped() {
        assertThat(RepoLimits.serverDefaults(server(9, 10, 10, 3, 4, 20, 20, 6)).maxOpenPrs()).isEqualTo(4);
    }

    @Test
    void patchesResetWhenTheOldestCountedOneLeavesTheWindow() {
        Instant t0 = Instant.parse("2026-11-29T08:00:00Z");
        List<Instant> times = List.of(t0, t0.plusSeconds(60), t0.plusSeconds(120));
        assertThat(BudgetCounts.patchesReset(times, 3)).contains(Instant.parse("2026-11-30T08:00:00Z"));
        // A lowered limit: two must leave before the count is below 2.
        assertThat(BudgetCounts.patchesReset(times, 2)).contains(Instant.parse("2026-11-30T08:01:00Z"));
        assertThat(BudgetCounts.patchesReset(times, 4)).isEmpty();
    }

    @Test
    void tokensResetWhenEnoughOfTheOldestCallsLeave() {
        Instant t0 = Instant.parse("2026-11-29T08:00:00Z");
        List<BudgetCounts.Spent> spent = List.of(new BudgetCounts.Spent(t0, 100),
                new BudgetCounts.Spent(t0.plusSeconds(60), 900), new BudgetCounts.Spent(t0.plusSeconds(120), 50));
        // 1050 spent, limit 1000: the first call leaving (950 left) is enough.
        assertThat(BudgetCounts.tokensReset(spent, 1000)).contains(Instant.parse("2026-11-30T08:00:00Z"));
        // limit 500: 950 after the first, 50 after the second.
        assertThat(BudgetCounts.tokensReset(spent, 500)).contains(Instant.parse("2026-11-30T08:01:00Z"));
        assertThat(BudgetCounts.tokensReset(spent, 2000)).isEmpty();
    }

    @Test
    void aRefusalLineNamesTheLimitTheCountAndTheReset() {
        Refusal r = new Refusal(Guard.PATCHES_PER_DAY, 10, 10, Optional.of(Instant.parse("2026-11-30T08:00:00Z")),
                List.of(), Optional.of(new RepoLimits.Clamp(Guard.PATCHES_PER_DAY, 50, 10)));
        assertThat(r.line()).isEqualTo("max_patches_per_day: 10 of 10, blocked until 2026-11-30 08:00 UTC"
                + " (the repo asks for 50; the server caps it at 10)");
        assertThat(new Refusal(Guard.OPEN_PRS, 2, 2, Optional.empty(), List.of(4, 9), Optional.empty()).line())
                .isEqualTo("max_open_prs: 2 of 2, blocked until one of #4, #9 is merged or closed");
    }
}
