package dev.selfcode.safety;

/** Decides whether a literal looks like a random credential rather than a word, a name or a hash. */
final class Entropy {

    private static final int MIN_LENGTH = 20;

    private Entropy() {
    }

    /**
     * Random-looking: 20+ characters, letters and digits mixed, not plain hex (hashes, UUIDs are common
     * and harmless in code), and a Shannon entropy close to the maximum for its length.
     */
    static boolean looksRandom(String value) {
        if (value.length() < MIN_LENGTH) {
            return false;
        }
        boolean digit = value.chars().anyMatch(Character::isDigit);
        boolean letter = value.chars().anyMatch(Character::isLetter);
        if (!digit || !letter || value.matches("[0-9a-fA-F\\-]+")) {
            return false;
        }
        double maxForLength = Math.log(value.length()) / Math.log(2);
        return bitsPerChar(value) >= Math.min(4.5, 0.9 * maxForLength);
    }

    static double bitsPerChar(String value) {
        int[] counts = new int[128];
        int other = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 128) {
                counts[c]++;
            } else {
                other++;
            }
        }
        double bits = 0;
        int n = value.length();
        for (int count : counts) {
            if (count > 0) {
                double p = (double) count / n;
                bits -= p * Math.log(p) / Math.log(2);
            }
        }
        if (other > 0) {
            double p = (double) other / n;
            bits -= p * Math.log(p) / Math.log(2);
        }
        return bits;
    }
}
