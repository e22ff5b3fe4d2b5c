package dev.selfcode.code;

/**
 * Fuses a keyword (BM25) and a vector (cosine) score: each side min-max normalised over the candidates of one query,
 * then weighed equally. Equal weights were chosen on principle (neither side is known to be better on a given
 * repository, and BM25's scale differs per query, hence the normalisation), not fitted to the retrieval test's pairs.
 */
final class HybridScore {

    /** Weight of the keyword side; the vector side gets the rest. */
    static final double KEYWORD_WEIGHT = 0.5;

    private final double kwMin;
    private final double kwMax;
    private final double vecMin;
    private final double vecMax;

    HybridScore(double[] keyword, double[] vector) {
        this.kwMin = min(keyword);
        this.kwMax = max(keyword);
        this.vecMin = min(vector);
        this.vecMax = max(vector);
    }

    /** The fused score in [0, 1]. */
    double combine(double keyword, double vector) {
        return KEYWORD_WEIGHT * normalise(keyword, kwMin, kwMax) + (1 - KEYWORD_WEIGHT) * normalise(vector, vecMin, vecMax);
    }

    /** Where {@code x} lies between the lowest and highest candidate; when all are equal, 1 if they scored at all. */
    static double normalise(double x, double min, double max) {
        if (max > min) {
            return (x - min) / (max - min);
        }
        return max > 0 ? 1 : 0;
    }

    private static double min(double[] xs) {
        double m = Double.POSITIVE_INFINITY;
        for (double x : xs) {
            m = Math.min(m, x);
        }
        return xs.length == 0 ? 0 : m;
    }

    private static double max(double[] xs) {
        double m = Double.NEGATIVE_INFINITY;
        for (double x : xs) {
            m = Math.max(m, x);
        }
        return xs.length == 0 ? 0 : m;
    }
}
