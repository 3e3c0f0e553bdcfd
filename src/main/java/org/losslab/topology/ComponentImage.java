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
     * @param offsets neighbour offsets, flattened (dRow, dCol) pairs; eight of them must go around the ring
     * @param border true to add a border component outside the image that is present, and marked, from the start
     *     (the outside of the background); image pixels on the edge touch it
     */
    static Pairs run(int height, int width, double[] ambient, int[] ambientOrder, double[] marker, int[] markerOrder,
            boolean descending, int[] offsets, boolean border) {
        int n = height * width;
        int borderNode = n;
        int[] markerPixels = marker == null ? ambientOrder : markerOrder;
        // One int per node, so that the working set is as small as the image (the loop jumps around it in value
        // order and is bound by cache misses): −1 = not entered; ≥ 0 = parent; at a root −2 = no marker yet, or
        // −(4 + age) where age is the step in marker order of the component's oldest marker (−1: the border).
        int[] parent = new int[n + 1];
        Arrays.fill(parent, NOT_ENTERED);
        if (border) {
            parent[borderNode] = rootWithMarker(-1);
        }
        Deaths deaths = new Deaths(n);
        int ia = 0;
        int im = 0;
        boolean plain = marker == null;
        boolean ring = offsets.length == 16;
        // index steps to the neighbours, valid away from the image's edge
        int[] deltas = new int[offsets.length / 2];
        for (int k = 0; k < deltas.length; k++) {
            deltas[k] = offsets[2 * k] * width + offsets[2 * k + 1];
        }
        while (ia < n || im < n) {
            boolean ambientNext = plain || ia < n && (im >= n || (descending
                    ? ambient[ambientOrder[ia]] >= marker[markerOrder[im]]
                    : ambient[ambientOrder[ia]] <= marker[markerOrder[im]]));
            if (!ambientNext) {
                int root = find(parent, markerOrder[im]);
                if (parent[root] == ROOT_WITHOUT_MARKER) {
                    parent[root] = rootWithMarker(im);
                }
                im++;
                continue;
            }
            int p = ambientOrder[ia++];
            parent[p] = ROOT_WITHOUT_MARKER;
            int root = p;
            int row = p / width;
            int col = p - row * width;
            boolean previousEntered = false;
            boolean interior = row > 0 && row < height - 1 && col > 0 && col < width - 1;
            for (int k = 0; k < deltas.length; k++) {
                int q;
                if (interior) {
                    q = p + deltas[k];
                } else {
                    int r = row + offsets[2 * k];
                    int c = col + offsets[2 * k + 1];
                    if (r < 0 || r >= height || c < 0 || c >= width) {
                        previousEntered = false;
                        continue;
                    }
                    q = r * width + c;
                }
                boolean entered = parent[q] != NOT_ENTERED;
                // around an 8-ring, consecutive neighbours touch, so a run of entered ones is one component: one
                // find per run instead of one per neighbour
                if (entered && !(ring && previousEntered)) {
                    int rq = find(parent, q);
                    if (rq != root) {
                        root = union(parent, root, rq, p, markerPixels, borderNode, deaths);
                    }
                }
                previousEntered = entered;
            }
            if (border && (row == 0 || row == height - 1 || col == 0 || col == width - 1)) {
                int rq = find(parent, borderNode);
                if (rq != root) {
                    root = union(parent, root, rq, p, markerPixels, borderNode, deaths);
                }
            }
            if (plain) {
                if (parent[root] == ROOT_WITHOUT_MARKER) {
                    parent[root] = rootWithMarker(im);
                }
                im++;
            }
        }
        int survivor = -1;
        if (!border) {
            int root = find(parent, 0);
            survivor = parent[root] == ROOT_WITHOUT_MARKER ? -1 : markerPixels[ageAt(parent[root])];
        }
        return new Pairs(deaths.dying, deaths.merging, deaths.count, survivor);
    }

    private static final int NOT_ENTERED = -1;
    private static final int ROOT_WITHOUT_MARKER = -2;

    private static int rootWithMarker(int age) {
        return -(4 + age);
    }

    private static int ageAt(int rootValue) {
        return -rootValue - 4;
    }

    /** Death records: two parallel int arrays and their fill. */
    private static final class Deaths {
        final int[] dying;
        final int[] merging;
        int count;

        Deaths(int capacity) {
            dying = new int[capacity];
            merging = new int[capacity];
        }
    }

    /**
     * Merges two roots; the one with the older marker stays root (the elder rule; path halving keeps the trees
     * flat). Records an image death at the entering pixel if both components hold markers. Returns the new root.
     */
    private static int union(int[] parent, int ra, int rb, int enteringPixel, int[] markerPixels, int borderNode,
            Deaths deaths) {
        int va = parent[ra];
        int vb = parent[rb];
        if (va == ROOT_WITHOUT_MARKER) {
            parent[ra] = rb;
            return rb;
        }
        if (vb == ROOT_WITHOUT_MARKER) {
            parent[rb] = ra;
            return ra;
        }
        int ageA = ageAt(va);
        int ageB = ageAt(vb);
        int keep = ageA < ageB ? ra : rb;
        int drop = ageA < ageB ? rb : ra;
        int youngerAge = Math.max(ageA, ageB);
        deaths.dying[deaths.count] = youngerAge < 0 ? borderNode : markerPixels[youngerAge];
        deaths.merging[deaths.count] = enteringPixel;
        deaths.count++;
        parent[drop] = keep;
        return keep;
    }

    /** The root of an entered node x, halving the path on the way. */
    private static int find(int[] parent, int x) {
        int up = parent[x];
        while (up >= 0) {
            int grandparent = parent[up];
            if (grandparent < 0) {
                return up;
            }
            parent[x] = grandparent;
            x = grandparent;
            up = parent[x];
        }
        return x;
    }
}
