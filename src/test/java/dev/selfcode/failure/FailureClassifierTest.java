package dev.selfcode.failure;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;

import org.junit.jupiter.api.Test;

class FailureClassifierTest {

    @Test
    void aStageFailureKeepsItsKindAndOtherExceptionsAreClassifiedByType() {
        StageFailure rejected = new StageFailure(FailureKind.REJECTED, "bad code");
        assertThat(FailureClassifier.classify("guard", rejected)).isSameAs(rejected);
        assertThat(FailureClassifier.classify("check out", new IllegalArgumentException("no such file")))
                .satisfies(f -> assertThat(f.kind()).isEqualTo(FailureKind.BAD_INPUT))
                .hasMessage("no such file");
        assertThat(FailureClassifier.classify("check out", new IOException("disk full")))
                .satisfies(f -> assertThat(f.kind()).isEqualTo(FailureKind.TRANSIENT))
                .hasMessage("check out failed: disk full");
        assertThat(FailureClassifier.classify("decide", new IllegalStateException()))
                .satisfies(f -> assertThat(f.kind()).isEqualTo(FailureKind.INTERNAL))
                .hasMessage("unexpected error in decide: IllegalStateException");
    }

    @Test
    void httpStatusesThatMayPassAreTransient() {
        assertThat(FailureClassifier.ofHttpStatus(429)).isEqualTo(FailureKind.TRANSIENT);
        assertThat(FailureClassifier.ofHttpStatus(503)).isEqualTo(FailureKind.TRANSIENT);
        assertThat(FailureClassifier.ofHttpStatus(408)).isEqualTo(FailureKind.TRANSIENT);
        assertThat(FailureClassifier.ofHttpStatus(401)).isEqualTo(FailureKind.INTERNAL);
        assertThat(FailureClassifier.ofHttpStatus(404)).isEqualTo(FailureKind.INTERNAL);
    }

    @Test
    void networkProblemsAreFoundDownTheCauseChain() {
        assertThat(FailureClassifier.isUnreachable(new RuntimeException(new UnknownHostException("llm")))).isTrue();
        assertThat(FailureClassifier.isUnreachable(new RuntimeException(new ConnectException("refused")))).isTrue();
        assertThat(FailureClassifier.isUnreachable(new RuntimeException("other"))).isFalse();
        assertThat(FailureClassifier.isTimeout(new RuntimeException(new SocketTimeoutException()))).isTrue();
        assertThat(FailureClassifier.isTimeout(new RuntimeException("the request timed out"))).isTrue();
        assertThat(FailureClassifier.isTimeout(new RuntimeException("no"))).isFalse();
    }

    @Test
    void onlyATransientFailureIsRetriedEvenWhenWrapped() {
        assertThat(FailureClassifier.retryLater(new IllegalStateException("wrapper",
                new StageFailure(FailureKind.TRANSIENT, "LLM 503")))).isTrue();
        assertThat(FailureClassifier.retryLater(new StageFailure(FailureKind.BAD_INPUT, "no tests"))).isFalse();
        assertThat(FailureClassifier.retryLater(new IOException("not classified"))).isFalse();
    }

    @Test
    void describesEveryCauseAndTheStageDetail() {
        Throwable error = new IllegalStateException("wrapper",
                new StageFailure(FailureKind.TRANSIENT, "docker hiccup", "log tail", null));
        assertThat(FailureClassifier.describe(error)).isEqualTo("java.lang.IllegalStateException: wrapper\n"
                + "caused by StageFailure(TRANSIENT): docker hiccup\n\nlog tail");
    }

    @Test
    void aCycleInTheCauseChainEnds() {
        RuntimeException a = new RuntimeException("a");
        RuntimeException b = new RuntimeException("b", a);
        a.initCause(b);
        assertThat(FailureClassifier.find(a, IOException.class)).isNull();
        assertThat(FailureClassifier.describe(a).lines().count()).isEqualTo(10);
    }
}
