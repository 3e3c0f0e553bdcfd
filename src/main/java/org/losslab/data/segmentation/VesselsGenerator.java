package org.losslab.data.segmentation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.losslab.data.Rng;

/**
 * Curvilinear structures like blood vessels or cracks: a main curve and branches starting on earlier curves, each a
 * smooth random walk whose width varies along its length. The truth is one connected tree (β0 = 1, β1 = 0: a branch
 * stops before it would touch another curve, so no loops close, and the narrow pockets a branch can enclose next to
 * its parent are filled). The image shows the curves with varying contrast and with gaps where the contrast drops to
 * nothing while the truth stays connected: the case topology-aware losses are made for.
 */
public final class VesselsGenerator {
    static final String NAME = "vessels";
    private static final double STEP = 0.5;
    /** Arc length after its start within which a branch may touch its parent. */
    private static final double JUNCTION = 8;
    private final int maxBranches;
    private final double gapProbability;

    /**
     * @param maxBranches 0 to this many branches besides the main curve
     * @param gapProbability chance that a curve has a gap in the image
     */
    public VesselsGenerator(int maxBranches, double gapProbability) {
        if (maxBranches < 0) {
            throw new org.losslab.data.DataException(NAME + ": maxBranches must be at least 0, got " + maxBranches);
        }
        Synthesis.checkProbability(NAME, "gapProbability", gapProbability);
        this.maxBranches = maxBranches;
        this.gapProbability = gapProbability;
    }

    /** Up to four branches, most curves with a gap. */
    public static VesselsGenerator defaults() {
        return new VesselsGenerator(4, 0.7);
    }

    /** {@code count} images of {@code height}×{@code width} (at least 32×32), seeded. */
    public SegmentationSet generate(int count, int height, int width, long seed) {
        Synthesis.check(NAME, count, height, width, 32);
        return Synthesis.generate(NAME, count, height, width, seed, this::paint);
    }

    /** Pixels drawn so far: which curve and at what arc length, to detect collisions. */
    private static final class Drawing {
        final int h;
        final int w;
        final double[] mask;
        final double[] contrast;
        final int[] curve;
        final double[] arc;

        Drawing(int h, int w) {
            this.h = h;
            this.w = w;
            mask = new double[h * w];
            contrast = new double[h * w];
            curve = new int[h * w];
            arc = new double[h * w];
            Arrays.fill(curve, -1);
        }

        /**
         * Whether a disc of radius {@code r} plus a one-pixel margin meets another curve than {@code ignored} (or
         * this one, far back).
         */
        boolean collides(double y, double x, double r, int id, double at, int ignored) {
            double reach = r + 1.5;
            for (int row = (int) Math.floor(y - reach); row <= Math.ceil(y + reach); row++) {
                for (int col = (int) Math.floor(x - reach); col <= Math.ceil(x + reach); col++) {
                    if (row < 0 || row >= h || col < 0 || col >= w || Math.hypot(row - y, col - x) > reach) {
                        continue;
                    }
                    int p = row * w + col;
                    if (curve[p] >= 0 && curve[p] != ignored && (curve[p] != id || at - arc[p] > 4 * reach + 4)) {
                        return true;
                    }
                }
            }
            return false;
        }

        void disc(double y, double x, double r, int id, double at, double shade) {
            for (int row = (int) Math.floor(y - r); row <= Math.ceil(y + r); row++) {
                for (int col = (int) Math.floor(x - r); col <= Math.ceil(x + r); col++) {
                    if (Math.hypot(row - y, col - x) <= r) {
                        set(row, col, id, at, shade);
                    }
                }
            }
            // The nearest pixel always, so that a chain of centres half a pixel apart is 8-connected.
            set((int) Math.round(y), (int) Math.round(x), id, at, shade);
        }

        /**
         * Fills the narrow background pockets a branch can enclose where it leaves its parent at a shallow angle, so
         * that the truth is a tree (β1 = 0): background not 4-connected to the border becomes vessel, shaded like its
         * brightest 4-neighbour.
         */
        void fillPockets() {
            boolean[] outside = new boolean[h * w];
            int[] stack = new int[h * w];
            int top = 0;
            for (int p = 0; p < h * w; p++) {
                int row = p / w;
                int col = p % w;
                if (mask[p] == 0 && (row == 0 || row == h - 1 || col == 0 || col == w - 1)) {
                    outside[p] = true;
                    stack[top++] = p;
                }
            }
            int[] dr = {-1, 1, 0, 0};
            int[] dc = {0, 0, -1, 1};
            while (top > 0) {
                int p = stack[--top];
                for (int k = 0; k < 4; k++) {
                    int row = p / w + dr[k];
                    int col = p % w + dc[k];
                    if (row >= 0 && row < h && col >= 0 && col < w) {
                        int q = row * w + col;
                        if (mask[q] == 0 && !outside[q]) {
                            outside[q] = true;
                            stack[top++] = q;
                        }
                    }
                }
            }
            for (int p = 0; p < h * w; p++) {
                if (mask[p] == 0 && !outside[p]) {
                    mask[p] = 1;
                    double shade = 0;
                    for (int k = 0; k < 4; k++) {
                        int row = p / w + dr[k];
                        int col = p % w + dc[k];
                        if (row >= 0 && row < h && col >= 0 && col < w) {
                            shade = Math.max(shade, contrast[row * w + col]);
                        }
                    }
                    contrast[p] = shade;
                }
            }
        }

        private void set(int row, int col, int id, double at, double shade) {
            if (row < 0 || row >= h || col < 0 || col >= w) {
                return;
            }
            int p = row * w + col;
            if (curve[p] < 0) {
                curve[p] = id;
                arc[p] = at;
            }
            mask[p] = 1;
            contrast[p] = Math.max(contrast[p], shade);
        }
    }

    private Synthesis.Sample paint(Rng rng, int h, int w) {
        Drawing d = new Drawing(h, w);
        List<double[]> points = new ArrayList<>(); // {y, x, heading, curve}
        int branches = rng.nextInt(maxBranches + 1);
        double length = 1.5 * (h + w);
        walk(rng, d, 0, -1, rng.uniform(0.3 * h, 0.7 * h), rng.uniform(0.3 * w, 0.7 * w),
                rng.uniform(0, 2 * Math.PI), length, points);
        for (int b = 1; b <= branches && !points.isEmpty(); b++) {
            double[] from = points.get(rng.nextInt(points.size()));
            double turn = rng.uniform(0.8, 1.4) * (rng.uniform() < 0.5 ? -1 : 1);
            walk(rng, d, b, (int) from[3], from[0], from[1], from[2] + turn, rng.uniform(0.3, 0.8) * length, points);
        }
        d.fillPockets();
        double[] image = new double[h * w];
        for (int i = 0; i < image.length; i++) {
            image[i] = 0.15 + 0.7 * d.contrast[i];
        }
        Synthesis.addShading(rng, image, h, w, 0.15);
        Synthesis.addNoise(rng, image, 0.07);
        return new Synthesis.Sample(image, d.mask, new KnownTopology(1, 0));
    }

    /**
     * One curve from (y, x): stops at the border, at {@code length}, or before it would touch another curve; a branch
     * may touch its {@code parent} (−1 for the main curve) near its start, where it grows out of it.
     */
    private void walk(Rng rng, Drawing d, int id, int parent, double y, double x, double heading, double length,
            List<double[]> points) {
        double baseRadius = rng.uniform(0.8, 1.8);
        double widthPhase = rng.uniform(0, 2 * Math.PI);
        double widthPeriod = rng.uniform(10, 30);
        double shadePhase = rng.uniform(0, 2 * Math.PI);
        boolean gap = rng.uniform() < gapProbability;
        double gapStart = rng.uniform(JUNCTION + 4, Math.max(JUNCTION + 5, length / 2));
        double gapLength = rng.uniform(4, 9);
        double turnRate = 0;
        List<double[]> own = new ArrayList<>();
        for (double at = 0; at < length; at += STEP) {
            if (y < 0 || y > d.h - 1 || x < 0 || x > d.w - 1) {
                break;
            }
            double r = Math.max(0.6, baseRadius + 0.5 * Math.sin(widthPhase + at / widthPeriod * 2 * Math.PI));
            if (d.collides(y, x, r, id, at, at <= JUNCTION ? parent : -1)) {
                break;
            }
            boolean inGap = gap && at >= gapStart && at < gapStart + gapLength;
            double shade = inGap ? 0 : 0.55 + 0.3 * Math.sin(shadePhase + at / 40);
            d.disc(y, x, r, id, at, shade);
            own.add(new double[] {y, x, heading, id});
            turnRate = 0.93 * turnRate + 0.015 * rng.gaussian();
            heading += turnRate;
            y += STEP * Math.sin(heading);
            x += STEP * Math.cos(heading);
        }
        points.addAll(own);
    }
}
