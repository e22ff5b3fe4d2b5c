package dev.selfcode.job;

/** Keeps text from handlers and exceptions within the sizes of the {@code job} columns. */
final class Text {

    private Text() {
    }

    /** The head of {@code text}, at most {@code max} characters, marked when cut; null stays null. */
    static String cap(String text, int max) {
        if (text == null || text.length() <= max) {
            return text;
        }
        String marker = "\n... (" + (text.length() - max) + " more characters cut)";
        int keep = Math.max(0, max - marker.length());
        if (keep > 0 && Character.isHighSurrogate(text.charAt(keep - 1))) {
            keep--; // never split a surrogate pair: MariaDB rejects half an emoji
        }
        return text.substring(0, keep) + marker;
    }

    static String firstLine(String text) {
        if (text == null) {
            return "";
        }
        int nl = text.indexOf('\n');
        return cap(nl < 0 ? text : text.substring(0, nl), 300);
    }
}
