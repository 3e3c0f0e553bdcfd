package org.losslab.topology;

import java.util.Arrays;

/**
 * The one union-find kernel behind every barcode here: the 0-dimensional persistence of the image of
 * H0(marker filtration) → H0(ambient filtration), where every pixel enters the ambient filtration no later than
 * the marker filtration. A class of the image is an ambient component that holds at least one marker pixel; it is
 * born when its first marker pixel enters and dies, by the elder rule, when its component merges with a component
 * whose oldest marker pixel is older.
 *
 * <p>Without a marker filtration this is plain H0 persistence. For Betti matching it gives the image barcodes: for
 * dimension 0 the ambient is the comparison image and the marker the prediction (or target); for dimension 1 the
 * ambient is the background filtration of the prediction and the marker that of the comparison image, since by
 * Alexander duality a map H1(X) → H1(Y) of the foreground has the rank of H̃0(Y^c) → H̃0(X^c).
 *
 * <p>Events run in filtration order; at equal values ambient events go first, so that every pixel is ambient before
 * it is a marker, and an image class always has a positive length. For plain persistence ({@code marker == null})
 * each pixel's marker event follows its ambient event at once, so every merge of two components kills one class
 * at the merging pixel: the refined filtration in which pixels enter one at a time in the given order. Betti
 * matching relies on this: a class of the image and a class of the ambient barcode die at the same pixel exactly
 * when they die at the same step of the ambient filtration.
 */
final class ComponentImage {
    private ComponentImage() {}

    /**
     * Deaths of image classes: pair k says the class whose oldest marker pixel is {@code dyingMarker[k]} dies when
     * ambient pixel {@code mergePixel[k]} enters. {@code survivingMarker} is the marker pixel of the class that
     * never dies (−1 when it is the border).
     */
    record Pairs(int[] dyingMarker, int[] mergePixel, int count, int survivingMarker) {}

    /**
     * @param height rows of the image
     * @param width columns of the image
     * @param ambient ambient filtration values, row-major
     * @param ambientOrder pixels in ambient entry order
     * @param marker marker filtration values, row-major, or null for plain persistence of the ambient filtration
     * @param markerOrder pixels in marker entry order (ignored when marker is null)
     * @param descending true for a superlevel filtration (values decrease), false for a sublevel one
     * @param offsets neighbour offsets, flattened (dRow, dCol) pairs
     * @param border true to add a border component outside the image that is present, and marked, from the start
     *     (the outside of the background); image pixels on the edge touch it
     */
    static Pairs run(int height, int width, double[] ambient, int[] ambientOrder, double[] marker, int[] markerOrder,
            boolean descending, int[] offsets, boolean border) {
        int n = height * width;
        int borderNode = n;
        int[] parent = new int[n + 1];
        Arrays.fill(parent, -1);
        // root → its oldest marker pixel (−1: none yet; borderNode: the border itself)
        int[] oldestMarker = new int[n + 1];
        // marker pixel (or borderNode) → its position in marker order, the age used by the elder rule
        int[] markerAge = new int[n + 1];
        if (border) {
            parent[borderNode] = borderNode;
            oldestMarker[borderNode] = borderNode;
            markerAge[borderNode] = -1;
        }
        int[] dying = new int[n];
        int[] merging = new int[n];
        int count = 0;
        int ia = 0;
        int im = 0;
        boolean plain = marker == null;
        while (ia < n || im < n) {
            boolean ambientNext = plain || ia < n && (im >= n || (descending
                    ? ambient[ambientOrder[ia]] >= marker[markerOrder[im]]
                    : ambient[ambientOrder[ia]] <= marker[markerOrder[im]]));
            if (!ambientNext) {
                int p = markerOrder[im];
                markerAge[p] = im++;
                int root = find(parent, p);
                if (oldestMarker[root] < 0) {
                    oldestMarker[root] = p;
                }
                continue;
            }
            int p = ambientOrder[ia++];
            parent[p] = p;
            oldestMarker[p] = -1;
            int row = p / width;
            int col = p - row * width;
            for (int k = 0; k < offsets.length; k += 2) {
                int r = row + offsets[k];
                int c = col + offsets[k + 1];
                if (r < 0 || r >= height || c < 0 || c >= width) {
                    continue;
                }
                int q = r * width + c;
                if (parent[q] >= 0) {
                    count = union(parent, oldestMarker, markerAge, p, q, dying, merging, count);
                }
            }
            if (border && (row == 0 || row == height - 1 || col == 0 || col == width - 1)) {
                count = union(parent, oldestMarker, markerAge, p, borderNode, dying, merging, count);
            }
            if (plain) {
                markerAge[p] = im++;
                int root = find(parent, p);
                if (oldestMarker[root] < 0) {
                    oldestMarker[root] = p;
                }
            }
        }
        int survivor = -1;
        for (int p = 0; p < n && !border; p++) {
            if (parent[p] == p && oldestMarker[p] >= 0) {
                survivor = oldestMarker[p];
            }
        }
        return new Pairs(dying, merging, count, survivor);
    }

    /** Merges the components of the entering pixel p and of q; records an image death if both hold markers. */
    private static int union(int[] parent, int[] oldestMarker, int[] markerAge, int p, int q, int[] dying,
            int[] merging, int count) {
        int rp = find(parent, p);
        int rq = find(parent, q);
        if (rp == rq) {
            return count;
        }
        int mp = oldestMarker[rp];
        int mq = oldestMarker[rq];
        int keep;
        int drop;
        if (mp < 0) {
            keep = rq;
            drop = rp;
        } else if (mq < 0) {
            keep = rp;
            drop = rq;
        } else {
            boolean pOlder = markerAge[mp] < markerAge[mq];
            keep = pOlder ? rp : rq;
            drop = pOlder ? rq : rp;
            dying[count] = oldestMarker[drop];
            merging[count] = p;
            count++;
        }
        parent[drop] = keep;
        return count;
    }

    private static int find(int[] parent, int x) {
        while (parent[x] != x) {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }
        return x;
    }
}
