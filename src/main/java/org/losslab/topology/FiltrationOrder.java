package org.losslab.topology;

/**
 * The order in which pixels enter the superlevel filtration: by decreasing value, equal values by increasing
 * pixel index (the tie rule of this package, see {@code package-info}). A stable LSD radix sort on order-preserving
 * 64-bit keys: no boxing, no comparator, O(n) per byte that actually varies.
 */
final class FiltrationOrder {
    private FiltrationOrder() {}

    /** Pixel indices by decreasing value; ties by increasing index. */
    static int[] descending(double[] values) {
        int n = values.length;
        long[] keys = new long[n];
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            // +0.0 folds −0.0 into 0.0 so that equal values get equal keys
            long bits = Double.doubleToLongBits(values[i] + 0.0);
            long ascending = bits ^ ((bits >> 63) | Long.MIN_VALUE);
            keys[i] = ~ascending;
            order[i] = i;
        }
        radixSort(keys, order);
        return order;
    }

    /** The reverse of {@link #descending}: increasing value, ties by decreasing index (the dual filtration). */
    static int[] reversed(int[] order) {
        int n = order.length;
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = order[n - 1 - i];
        }
        return out;
    }

    /** Sorts {@code keys} as unsigned longs, stably, permuting {@code items} alongside. */
    private static void radixSort(long[] keys, int[] items) {
        int n = keys.length;
        long[] keyBuffer = new long[n];
        int[] itemBuffer = new int[n];
        int[] count = new int[257];
        long[] srcKeys = keys;
        int[] srcItems = items;
        long[] dstKeys = keyBuffer;
        int[] dstItems = itemBuffer;
        long differing = 0;
        for (int i = 1; i < n; i++) {
            differing |= keys[i] ^ keys[0];
        }
        for (int shift = 0; shift < 64; shift += 8) {
            if (((differing >>> shift) & 0xFF) == 0) {
                continue;
            }
            java.util.Arrays.fill(count, 0);
            for (int i = 0; i < n; i++) {
                count[(int) ((srcKeys[i] >>> shift) & 0xFF) + 1]++;
            }
            for (int b = 0; b < 256; b++) {
                count[b + 1] += count[b];
            }
            for (int i = 0; i < n; i++) {
                int slot = count[(int) ((srcKeys[i] >>> shift) & 0xFF)]++;
                dstKeys[slot] = srcKeys[i];
                dstItems[slot] = srcItems[i];
            }
            long[] tk = srcKeys;
            srcKeys = dstKeys;
            dstKeys = tk;
            int[] ti = srcItems;
            srcItems = dstItems;
            dstItems = ti;
        }
        if (srcItems != items) {
            System.arraycopy(srcItems, 0, items, 0, n);
        }
    }
}
