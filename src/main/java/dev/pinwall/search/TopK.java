package dev.pinwall.search;

/**
 * The best {@code k} (row, score) pairs offered so far, best first: a higher score wins, and at equal score the lower
 * row, whatever order the pairs arrive in (so partial lists from several threads merge into the same list).
 */
final class TopK {
    private final int[] rows;
    private final float[] scores;
    private int size;

    TopK(int k) {
        rows = new int[k];
        scores = new float[k];
    }

    /** Whether {@code (row, score)} would enter the list now (a cheap test before a costlier filter). */
    boolean takes(int row, float score) {
        int k = rows.length;
        if (size < k || k == 0) { // a list of none takes nothing (and has no last entry to compare with)
            return k > 0;
        }
        float last = scores[k - 1];
        return score > last || score == last && row < rows[k - 1];
    }

    void offer(int row, float score) {
        if (!takes(row, score)) {
            return;
        }
        int i = size < rows.length ? size++ : rows.length - 1;
        while (i > 0 && (scores[i - 1] < score || scores[i - 1] == score && rows[i - 1] > row)) {
            rows[i] = rows[i - 1];
            scores[i] = scores[i - 1];
            i--;
        }
        rows[i] = row;
        scores[i] = score;
    }

    void offerAll(TopK other) {
        for (int i = 0; i < other.size; i++) {
            offer(other.rows[i], other.scores[i]);
        }
    }

    Hit[] best() {
        Hit[] out = new Hit[size];
        for (int i = 0; i < size; i++) {
            out[i] = new Hit(rows[i], scores[i]);
        }
        return out;
    }
}
