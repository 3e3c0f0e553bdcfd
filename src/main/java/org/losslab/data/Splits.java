package org.losslab.data;

import java.util.Arrays;

/** Seeded, stratified selection of examples: each class keeps its share in every part. */
final class Splits {
    private Splits() {
    }

    /**
     * Picks {@code count} of {@code indices} so that each class gets its proportional share (largest-remainder
     * rounding, so the shares add up exactly), at random within each class.
     *
     * <p>Stratifying matters for small validation sets: a plain shuffle of 600 spiral points can leave a class
     * noticeably short in a 120-point validation set, which then shows up as an accuracy ceiling that isn't real.
     *
     * @return {@code [picked, rest]}, each shuffled so that classes are interleaved
     */
    static int[][] stratifiedPick(int[] labels, int numClasses, int[] indices, int count, Rng rng) {
        int n = indices.length;
        count = Math.max(0, Math.min(count, n));
        int[] perClass = new int[numClasses];
        for (int i : indices) {
            perClass[labels[i]]++;
        }
        int[][] groups = new int[numClasses][];
        int[] fill = new int[numClasses];
        for (int c = 0; c < numClasses; c++) {
            groups[c] = new int[perClass[c]];
        }
        for (int i : indices) {
            int c = labels[i];
            groups[c][fill[c]++] = i;
        }
        for (int[] g : groups) {
            rng.shuffle(g);
        }
        int[] quota = new int[numClasses];
        double[] remainder = new double[numClasses];
        int assigned = 0;
        for (int c = 0; c < numClasses; c++) {
            double exact = n == 0 ? 0 : (double) count * perClass[c] / n;
            quota[c] = (int) Math.floor(exact);
            remainder[c] = exact - quota[c];
            assigned += quota[c];
        }
        while (assigned < count) {
            int best = -1;
            for (int c = 0; c < numClasses; c++) {
                if (quota[c] < perClass[c] && (best < 0 || remainder[c] > remainder[best])) {
                    best = c;
                }
            }
            quota[best]++;
            remainder[best] = -1;
            assigned++;
        }
        int[] picked = new int[count];
        int[] rest = new int[n - count];
        int p = 0;
        int r = 0;
        for (int c = 0; c < numClasses; c++) {
            for (int k = 0; k < groups[c].length; k++) {
                if (k < quota[c]) {
                    picked[p++] = groups[c][k];
                } else {
                    rest[r++] = groups[c][k];
                }
            }
        }
        rng.shuffle(picked);
        rng.shuffle(rest);
        return new int[][] {picked, rest};
    }

    /** 0, 1, …, n-1. */
    static int[] range(int n) {
        int[] a = new int[n];
        Arrays.setAll(a, i -> i);
        return a;
    }
}
