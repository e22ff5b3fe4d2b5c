package dev.selfcode.code;

/**
 * Fuses a keyword (BM25) and a vector (cosine) score: each side min-max normalised over the candidates of one query
 * (BM25's scale differs per query), then a convex combination. The keyword weight 0.2 was picked on the tuning half
 * of the retrieval test's labelled set (CodeSearchQualityTest, {@code -Dretrieval.split=tuning}: recall 0.314 at 0.2,
 * 0.225 at 0.5, 0.275 vector alone); the recall it reports is on the other, held-out half.
 */
final class HybridScore {

    /** Weight of the keyword side; the vector side gets the rest. */
    static final double KEYWORD_WEIGHT = 0.2;

    private final double keywordWeight;
    private final double kwMin;
    private final double kwMax;
    private final double vecMin;
    private final double vecMax;

    HybridScore(double[] keyword, double[] vector) {
        this(keyword, vector, KEYWORD_WEIGHT);
    }

    HybridScore(double[] keyword, double[] vector, double keywordWeight) {
        this.keywordWeight = keywordWeight;
        this.kwMin = min(keyword);
        this.kwMax = max(keyword);
        this.vecMin = min(vector);
        this.vecMax = max(vector);
    }

    /** The fused score in [0, 1]. */
    double combine(double keyword, double vector) {
        return keywordWeight * normalise(keyword, kwMin, kwMax) + (1 - keywordWeight) * normalise(vector, vecMin, vecMax);
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
