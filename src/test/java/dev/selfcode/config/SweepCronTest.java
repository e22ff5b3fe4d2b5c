package dev.selfcode.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;

import org.junit.jupiter.api.Test;

class SweepCronTest {

    @Test
    void aFiveFieldCronInUtcGivesTheNextDueTime() {
        SweepCron cron = SweepCron.parse("0 3 * * 1", null);
        // 2026-11-29 is a Sunday: the next Monday 03:00 UTC.
        assertThat(cron.nextAfter(Instant.parse("2026-11-29T12:00:00Z"))).contains(Instant.parse("2026-11-30T03:00:00Z"));
        assertThat(cron.nextAfter(Instant.parse("2026-11-30T03:00:00Z"))).contains(Instant.parse("2026-12-07T03:00:00Z"));
    }

    @Test
    void aTimeZoneMovesTheDueTime() {
        SweepCron cron = SweepCron.parse("0 3 * * *", "America/New_York");
        assertThat(cron.nextAfter(Instant.parse("2026-11-29T12:00:00Z"))).contains(Instant.parse("2026-11-30T08:00:00Z"));
    }

    @Test
    void badExpressionsAndZonesAreRefusedWithTheProblem() {
        assertThatThrownBy(() -> SweepCron.parse("0 3 * *", null)).hasMessageContaining("has 4 fields");
        assertThatThrownBy(() -> SweepCron.parse("0 0 3 * * 1", null)).hasMessageContaining("has 6 fields");
        assertThatThrownBy(() -> SweepCron.parse("61 3 * * 1", null)).hasMessageContaining("not a valid cron");
        assertThatThrownBy(() -> SweepCron.parse("", null)).hasMessageContaining("empty");
        assertThatThrownBy(() -> SweepCron.parse("0 3 * * 1", "Mars/Base")).hasMessageContaining("not a time zone");
    }
}
