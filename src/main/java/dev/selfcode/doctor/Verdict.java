package dev.selfcode.doctor;

/** What one check found: it passed, it failed, or it did not apply (skips do not fail the doctor). */
public enum Verdict {

    OK, FAIL, SKIP;

    /** The word shown in the table and the JSON. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
