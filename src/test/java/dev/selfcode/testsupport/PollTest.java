package dev.selfcode.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class PollTest {

    @Test
    void returnsTheFirstAcceptedAnswer() {
        AtomicInteger calls = new AtomicInteger();

        int answer = Poll.until(Duration.ofSeconds(5), Duration.ofMillis(1), calls::incrementAndGet, n -> n >= 3,
                n -> "never 3");

        assertThat(answer).isEqualTo(3);
        assertThat(calls).hasValue(3);
    }

    @Test
    void failsWithTheLastAnswerWhenTheDeadlinePasses() {
        AtomicInteger calls = new AtomicInteger();

        assertThatThrownBy(() -> Poll.until(Duration.ofMillis(30), Duration.ofMillis(5), calls::incrementAndGet,
                n -> false, n -> "still " + n)).isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("still ").hasMessageContaining("waited PT0.03S");
        assertThat(calls.get()).isGreaterThan(1);
    }
}
