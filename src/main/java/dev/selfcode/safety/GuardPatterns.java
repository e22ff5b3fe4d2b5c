package dev.selfcode.safety;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Names the guard refuses in a helper, for every language: credential-like environment variables and the test
 * report folder. (The Python and JavaScript guard scripts carry the same two patterns.)
 */
final class GuardPatterns {

    static final Pattern CREDENTIAL = Pattern.compile("TOKEN|KEY|SECRET|PASSWORD|PASSWD|CREDENTIAL|AUTH|PRIVATE",
            Pattern.CASE_INSENSITIVE);
    /** SELFCODE in capitals (SELFCODE_OUT): the word in prose, as in "Selfcode's", is no path. */
    static final Pattern REPORT_FOLDER = Pattern.compile("(?-i:SELFCODE)|/selfcode|junit|surefire-reports"
            + "|failsafe-reports|report\\.tap|report\\.json|coverage\\.xml|lcov\\.info", Pattern.CASE_INSENSITIVE);

    private GuardPatterns() {
    }

    /** The part of {@code text} that names the report folder, if any. */
    static Optional<String> reportFolder(String text) {
        Matcher m = REPORT_FOLDER.matcher(text);
        return m.find() ? Optional.of(m.group()) : Optional.empty();
    }
}
