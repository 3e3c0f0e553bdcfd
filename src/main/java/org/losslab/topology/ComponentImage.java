package org.losslab.topology;


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
        // one cache line per node instead of four: [parent, size, oldest marker pixel, that marker's age]; parent
        // −1 = not entered yet; oldest marker −1 = none yet (only meaningful at roots); age = step in marker order
        int[] node = new int[NODE * (n + 1)];
        for (int x = 0; x <= n; x++) {
            node[NODE * x + PARENT] = -1;
        }
        if (border) {
            int b = NODE * borderNode;
            node[b + PARENT] = borderNode;
            node[b + SIZE] = 1;
            node[b + OLDEST] = borderNode;
            node[b + AGE] = -1;
        }
        Deaths deaths = new Deaths(n);
        int ia = 0;
        int im = 0;
        boolean plain = marker == null;
        boolean ring = offsets.length == 16;
        while (ia < n || im < n) {
            boolean ambientNext = plain || ia < n && (im >= n || (descending
                    ? ambient[ambientOrder[ia]] >= marker[markerOrder[im]]
                    : ambient[ambientOrder[ia]] <= marker[markerOrder[im]]));
            if (!ambientNext) {
                int p = markerOrder[im];
                mark(node, find(node, p), p, im++);
                continue;
            }
            int p = ambientOrder[ia++];
            int at = NODE * p;
            node[at + PARENT] = p;
            node[at + SIZE] = 1;
            node[at + OLDEST] = -1;
            int root = p;
            int row = p / width;
            int col = p - row * width;
            boolean previousEntered = false;
            for (int k = 0; k < offsets.length; k += 2) {
                int r = row + offsets[k];
                int c = col + offsets[k + 1];
                if (r < 0 || r >= height || c < 0 || c >= width) {
                    previousEntered = false;
                    continue;
                }
                int q = r * width + c;
                boolean entered = node[NODE * q + PARENT] >= 0;
                // around an 8-ring, consecutive neighbours touch, so a run of entered ones is one component: one
                // find per run instead of one per neighbour
                if (entered && !(ring && previousEntered)) {
                    int rq = find(node, q);
                    if (rq != root) {
                        root = union(node, root, rq, p, deaths);
                    }
                }
                previousEntered = entered;
            }
            if (border && (row == 0 || row == height - 1 || col == 0 || col == width - 1)) {
                int rq = find(node, borderNode);
                if (rq != root) {
                    root = union(node, root, rq, p, deaths);
                }
            }
            if (plain) {
                mark(node, root, p, im++);
            }
        }
        int survivor = -1;
        for (int p = 0; p < n && !border; p++) {
            if (node[NODE * p + PARENT] == p && node[NODE * p + OLDEST] >= 0) {
                survivor = node[NODE * p + OLDEST];
            }
        }
        return new Pairs(deaths.dying, deaths.merging, deaths.count, survivor);
    }

    private static final int NODE = 4;
    private static final int PARENT = 0;
    private static final int SIZE = 1;
    private static final int OLDEST = 2;
    private static final int AGE = 3;

    /** A marker pixel enters: it starts an image class unless its component already has one. */
    private static void mark(int[] node, int root, int markerPixel, int age) {
        int at = NODE * root;
        if (node[at + OLDEST] < 0) {
            node[at + OLDEST] = markerPixel;
            node[at + AGE] = age;
        }
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
     * Merges two roots by size (keeping trees shallow; the elder rule lives in the oldest-marker fields, not in the
     * tree); records an image death at the entering pixel if both components hold markers. Returns the new root.
     */
    private static int union(int[] node, int ra, int rb, int enteringPixel, Deaths deaths) {
        int a = NODE * ra;
        int b = NODE * rb;
        int ma = node[a + OLDEST];
        int mb = node[b + OLDEST];
        int survivor;
        int survivorAge;
        if (ma < 0) {
            survivor = mb;
            survivorAge = node[b + AGE];
        } else if (mb < 0) {
            survivor = ma;
            survivorAge = node[a + AGE];
        } else {
            boolean aOlder = node[a + AGE] < node[b + AGE];
            survivor = aOlder ? ma : mb;
            survivorAge = aOlder ? node[a + AGE] : node[b + AGE];
            deaths.dying[deaths.count] = aOlder ? mb : ma;
            deaths.merging[deaths.count] = enteringPixel;
            deaths.count++;
        }
        boolean aRoot = node[a + SIZE] >= node[b + SIZE];
        int root = aRoot ? ra : rb;
        int child = aRoot ? rb : ra;
        node[NODE * child + PARENT] = root;
        node[NODE * root + SIZE] += node[NODE * child + SIZE];
        node[NODE * root + OLDEST] = survivor;
        node[NODE * root + AGE] = survivorAge;
        return root;
    }

    /** The root of x, halving the path on the way. */
    private static int find(int[] node, int x) {
        while (node[NODE * x + PARENT] != x) {
            int grandparent = node[NODE * node[NODE * x + PARENT] + PARENT];
            node[NODE * x + PARENT] = grandparent;
            x = grandparent;
        }
        return x;
    }
}
