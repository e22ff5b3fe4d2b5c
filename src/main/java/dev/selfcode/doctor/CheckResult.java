package dev.selfcode.doctor;

/**
 * One line of the doctor's report.
 *
 * @param check   what was checked ("docker", "database")
 * @param verdict ok, fail or skip
 * @param detail  what was found: a version, a path, free space, or why it failed or was skipped
 * @param fix     one line saying what to do; empty when there is nothing to do
 */
public record CheckResult(String check, Verdict verdict, String detail, String fix) {

    static CheckResult ok(String check, String detail) {
        return new CheckResult(check, Verdict.OK, detail, "");
    }

    static CheckResult fail(String check, String detail, String fix) {
        return new CheckResult(check, Verdict.FAIL, detail, fix);
    }

    static CheckResult skip(String check, String why, String hint) {
        return new CheckResult(check, Verdict.SKIP, why, hint);
    }
}
