package dev.selfcode.doctor;

import java.util.List;

/** Every check's result, in the order they ran. */
public record DoctorReport(List<CheckResult> results) {

    /** True when no check failed (skipped ones are fine). */
    public boolean passed() {
        return results.stream().noneMatch(r -> r.verdict() == Verdict.FAIL);
    }

    public long failures() {
        return results.stream().filter(r -> r.verdict() == Verdict.FAIL).count();
    }

    /** 0 when every check passed or was skipped, 1 otherwise. */
    public int exitCode() {
        return passed() ? 0 : 1;
    }

    /** The result of the check named {@code check}. */
    public CheckResult result(String check) {
        return results.stream().filter(r -> r.check().equals(check)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no check named " + check));
    }
}
