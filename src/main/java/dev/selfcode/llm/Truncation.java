package dev.selfcode.llm;

/** Caps text for prompts and records, cutting at line ends and saying what was left out. */
final class Truncation {

    private Truncation() {
    }

    /** At most {@code max} characters from the start, plus a marker when something was cut. */
    static String head(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int cut = text.lastIndexOf('\n', max);
        cut = cut < max / 2 ? max : cut + 1;
        return text.substring(0, cut) + "... (" + (text.length() - cut) + " more characters left out)";
    }

    /**
     * The first {@code headChars} and last {@code tailChars} characters, cut at line ends, joined by a line
     * saying how many lines were left out; the text itself when it fits.
     */
    static String headAndTail(String text, int headChars, int tailChars) {
        if (text.length() <= headChars + tailChars) {
            return text;
        }
        int headEnd = text.lastIndexOf('\n', headChars);
        headEnd = headEnd < 0 ? headChars : headEnd + 1;
        int tailStart = text.indexOf('\n', text.length() - tailChars);
        tailStart = tailStart < 0 || tailStart < headEnd ? text.length() - tailChars : tailStart + 1;
        long omitted = text.substring(headEnd, tailStart).lines().count();
        return text.substring(0, headEnd) + "... (" + omitted + " lines left out) ...\n" + text.substring(tailStart);
    }
}
