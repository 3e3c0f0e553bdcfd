package org.losslab.analysis.embedding;

import java.util.Arrays;

/**
 * The Barnes-Hut tree over a t-SNE map: a quadtree in 2-D, an octree in 3-D. Each cell keeps its points' count and
 * centre of mass, so that a far cell's repulsion on a point is computed once for all its points. Stored in flat
 * arrays (no node objects) and rebuilt every iteration; read-only once built, so queries may run in parallel.
 */
final class SpaceTree {
    /** Cells this small hold all their points in one list instead of splitting forever on duplicates. */
    private static final int MAX_DEPTH = 48;

    private final double[] points;
    private final int dims;
    private final int fan;
    private double[] centre;
    private double[] half;
    private double[] mass;
    private int[] count;
    private int[] firstChild;
    private int[] leafHead;
    private final int[] nextInLeaf;
    private int nodes;

    /** @param points [N × dims] row-major; read, not copied: do not change it while the tree is used */
    SpaceTree(double[] points, int n, int dims) {
        this.points = points;
        this.dims = dims;
        this.fan = 1 << dims;
        int capacity = Math.max(16, 4 * n);
        centre = new double[capacity * dims];
        half = new double[capacity];
        mass = new double[capacity * dims];
        count = new int[capacity];
        firstChild = new int[capacity];
        leafHead = new int[capacity];
        nextInLeaf = new int[n];
        double[] lo = new double[dims];
        double[] hi = new double[dims];
        Arrays.fill(lo, Double.POSITIVE_INFINITY);
        Arrays.fill(hi, Double.NEGATIVE_INFINITY);
        for (int i = 0; i < n; i++) {
            for (int a = 0; a < dims; a++) {
                lo[a] = Math.min(lo[a], points[i * dims + a]);
                hi[a] = Math.max(hi[a], points[i * dims + a]);
            }
        }
        double width = 0;
        for (int a = 0; a < dims; a++) {
            width = Math.max(width, hi[a] - lo[a]);
        }
        int root = newNode();
        for (int a = 0; a < dims; a++) {
            centre[root * dims + a] = (lo[a] + hi[a]) / 2;
        }
        // A hair wider than the points, so that none sits exactly on the boundary.
        half[root] = width / 2 * (1 + 1e-9) + 1e-12;
        for (int i = 0; i < n; i++) {
            insert(root, i, 0);
        }
        for (int node = 0; node < nodes; node++) {
            for (int a = 0; a < dims; a++) {
                mass[node * dims + a] /= Math.max(1, count[node]);
            }
        }
    }

    private int newNode() {
        if (nodes == count.length) {
            int capacity = 2 * nodes;
            centre = Arrays.copyOf(centre, capacity * dims);
            half = Arrays.copyOf(half, capacity);
            mass = Arrays.copyOf(mass, capacity * dims);
            count = Arrays.copyOf(count, capacity);
            firstChild = Arrays.copyOf(firstChild, capacity);
            leafHead = Arrays.copyOf(leafHead, capacity);
        }
        int node = nodes++;
        firstChild[node] = -1;
        leafHead[node] = -1;
        return node;
    }

    /** Turns a leaf into an inner cell, moving its points into the new children. */
    private void split(int node, int depth) {
        int first = -1;
        for (int c = 0; c < fan; c++) {
            int child = newNode();
            if (c == 0) {
                first = child;
            }
            double h = half[node] / 2;
            half[child] = h;
            for (int a = 0; a < dims; a++) {
                centre[child * dims + a] = centre[node * dims + a] + (((c >> a) & 1) == 1 ? h : -h);
            }
        }
        firstChild[node] = first;
        int p = leafHead[node];
        leafHead[node] = -1;
        while (p >= 0) {
            int next = nextInLeaf[p];
            int child = first + octant(node, p);
            // The moved point is already counted in this cell; count it in the child's subtree only.
            insert(child, p, depth + 1);
            p = next;
        }
    }

    /** Adds the point to the cell's count and centre of mass and walks it down to a leaf. */
    private void insert(int child, int point, int depth) {
        int node = child;
        int level = depth;
        while (true) {
            count[node]++;
            for (int a = 0; a < dims; a++) {
                mass[node * dims + a] += points[point * dims + a];
            }
            if (firstChild[node] < 0) {
                if (leafHead[node] < 0 || level >= MAX_DEPTH) {
                    nextInLeaf[point] = leafHead[node];
                    leafHead[node] = point;
                    return;
                }
                split(node, level);
            }
            node = firstChild[node] + octant(node, point);
            level++;
        }
    }

    private int octant(int node, int point) {
        int o = 0;
        for (int a = 0; a < dims; a++) {
            if (points[point * dims + a] > centre[node * dims + a]) {
                o |= 1 << a;
            }
        }
        return o;
    }

    /**
     * t-SNE's repulsion on point i: adds {@code Σ_j w_ij² (y_i − y_j)} to {@code force} [dims] and returns
     * {@code Σ_j w_ij}, with {@code w = 1 / (1 + |y_i − y_j|²)}, j ≠ i, where a cell seen under an angle below θ
     * (its width over its distance) stands for all its points at their centre of mass.
     */
    double repulsion(int i, double thetaSquared, double[] force) {
        return dims == 2 ? visitPlane(i, thetaSquared, force) : visit(0, i, thetaSquared, force);
    }

    /**
     * {@link #visit} for the quadtree of a 2-D map, the common case: the same arithmetic with the axis loops
     * unrolled and an explicit stack instead of recursion, which roughly halves the time of an iteration.
     */
    private double visitPlane(int i, double thetaSquared, double[] force) {
        double xi = points[2 * i];
        double yi = points[2 * i + 1];
        double fx = 0;
        double fy = 0;
        double z = 0;
        int[] stack = new int[4 * MAX_DEPTH + 8];
        int top = 0;
        stack[top++] = 0;
        while (top > 0) {
            int node = stack[--top];
            if (count[node] == 0) {
                continue;
            }
            int first = firstChild[node];
            if (first < 0) {
                for (int p = leafHead[node]; p >= 0; p = nextInLeaf[p]) {
                    if (p == i) {
                        continue;
                    }
                    double dx = xi - points[2 * p];
                    double dy = yi - points[2 * p + 1];
                    double w = 1 / (1 + dx * dx + dy * dy);
                    z += w;
                    double w2 = w * w;
                    fx += w2 * dx;
                    fy += w2 * dy;
                }
                continue;
            }
            double dx = xi - mass[2 * node];
            double dy = yi - mass[2 * node + 1];
            double d2 = dx * dx + dy * dy;
            double width = 2 * half[node];
            if (width * width < thetaSquared * d2) {
                double w = 1 / (1 + d2);
                double weight = count[node] * w;
                double w2 = weight * w;
                z += weight;
                fx += w2 * dx;
                fy += w2 * dy;
            } else {
                stack[top++] = first;
                stack[top++] = first + 1;
                stack[top++] = first + 2;
                stack[top++] = first + 3;
            }
        }
        force[0] += fx;
        force[1] += fy;
        return z;
    }

    private double visit(int node, int i, double thetaSquared, double[] force) {
        if (count[node] == 0) {
            return 0;
        }
        int base = i * dims;
        if (firstChild[node] < 0) {
            double z = 0;
            for (int p = leafHead[node]; p >= 0; p = nextInLeaf[p]) {
                if (p == i) {
                    continue;
                }
                double d2 = 0;
                for (int a = 0; a < dims; a++) {
                    double t = points[base + a] - points[p * dims + a];
                    d2 += t * t;
                }
                double w = 1 / (1 + d2);
                z += w;
                double w2 = w * w;
                for (int a = 0; a < dims; a++) {
                    force[a] += w2 * (points[base + a] - points[p * dims + a]);
                }
            }
            return z;
        }
        double d2 = 0;
        for (int a = 0; a < dims; a++) {
            double t = points[base + a] - mass[node * dims + a];
            d2 += t * t;
        }
        double width = 2 * half[node];
        if (width * width < thetaSquared * d2) {
            double w = 1 / (1 + d2);
            double weight = count[node] * w;
            double w2 = weight * w;
            for (int a = 0; a < dims; a++) {
                force[a] += w2 * (points[base + a] - mass[node * dims + a]);
            }
            return weight;
        }
        double z = 0;
        int first = firstChild[node];
        for (int c = 0; c < fan; c++) {
            z += visit(first + c, i, thetaSquared, force);
        }
        return z;
    }
}
