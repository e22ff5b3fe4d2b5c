package dev.selfcode.job;

import jakarta.inject.Singleton;

import dev.selfcode.failure.FailureKind;
import dev.selfcode.failure.StageFailure;

/** Test handler of kind "test-throw": its payload names the failure to throw. */
@Singleton
public class ThrowingHandler implements JobHandler {

    @Override
    public String kind() {
        return "test-throw";
    }

    @Override
    public JobResult handle(Job job, Lease lease) {
        switch (job.payload) {
            case "transient-stage" -> throw new StageFailure(FailureKind.TRANSIENT, "docker hiccup", "log tail", null);
            case "wrapped-transient" -> throw new IllegalStateException("wrapper",
                    new StageFailure(FailureKind.TRANSIENT, "LLM 503"));
            case "retryable" -> throw new RetryableJobException("rate limited");
            case "result-retry" -> {
                return JobResult.failed("LLM down", true);
            }
            case "result-give-up" -> {
                return JobResult.failed("bad key", false);
            }
            case "bad-input" -> throw new StageFailure(FailureKind.BAD_INPUT, "no tests configured");
            default -> throw new IllegalStateException("boom");
        }
    }
}
