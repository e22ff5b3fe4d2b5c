package dev.selfcode.sandbox;

/**
 * The errors of one run attributed to one source file of the repository, and to the function or class around the
 * line when the chunker knows the language (else {@code function} is null).
 *
 * @param file         the file, relative to the repository root ({@code pkg/b.py})
 * @param function     the enclosing chunk's name, null when unknown (a finding outside any definition, a test failure
 *                     attributed by the test file's name)
 * @param lintFindings lint findings on lines of this file (and function)
 * @param testFailures failing or erroring tests whose failure was attributed here
 */
public record ModuleError(String file, String function, int lintFindings, int testFailures) {

    public int errors() {
        return lintFindings + testFailures;
    }
}
