package org.losslab.data.segmentation;

import java.util.HashMap;
import java.util.Map;
import org.losslab.data.Rng;

/**
 * Brick walls in running bond with the mortar as the foreground, like TopoMortar: random brick size, mortar
 * thickness, offset and per-brick shade. The clean truth is one connected mortar network (β0 = 1) whose holes are
 * the bricks lying fully inside the image (β1 = their number), recorded as its {@link KnownTopology}.
 *
 * <p>With {@code labelNoise} p > 0 the mask becomes a noisy annotation of the same (unchanged) image: each vertical
 * joint is missing with probability p and each brick gets a spurious mortar line with probability p/2. Such masks
 * have no known topology.
 */
public final class BrickWallGenerator {
    static final String NAME = "bricks";
    private final double labelNoise;

    /** @param labelNoise probability p of label errors, in [0, 1] */
    public BrickWallGenerator(double labelNoise) {
        Synthesis.checkProbability(NAME, "labelNoise", labelNoise);
        this.labelNoise = labelNoise;
    }

    /** Clean labels. */
    public static BrickWallGenerator clean() {
        return new BrickWallGenerator(0);
    }

    /** {@code count} images of {@code height}×{@code width} (at least 32×32), seeded. */
    public SegmentationSet generate(int count, int height, int width, long seed) {
        Synthesis.check(NAME, count, height, width, 32);
        return Synthesis.generate(NAME, count, height, width, seed, this::paint);
    }

    private Synthesis.Sample paint(Rng rng, int h, int w) {
        int brickHeight = (int) Math.max(3, Math.round(h * rng.uniform(0.04, 0.09)));
        int mortar = (int) Math.max(2, Math.round(brickHeight * 0.2));
        int brickWidth = (int) Math.round(brickHeight * rng.uniform(1.8, 2.6));
        int rowPeriod = brickHeight + mortar;
        int columnPeriod = brickWidth + mortar;
        int offsetY = rng.nextInt(rowPeriod);
        int offsetX = rng.nextInt(columnPeriod);
        double mortarShade = rng.uniform(0.65, 0.85);
        double[] mask = new double[h * w];
        double[] image = new double[h * w];
        long[] brickOf = new long[h * w];
        Map<Long, Double> shade = new HashMap<>();
        Map<Long, Boolean> touchesBorder = new HashMap<>();
        for (int r = 0; r < h; r++) {
            int row = Math.floorDiv(r + offsetY, rowPeriod);
            boolean horizontalMortar = Math.floorMod(r + offsetY, rowPeriod) < mortar;
            int shift = Math.floorMod(row, 2) == 1 ? columnPeriod / 2 : 0;
            for (int c = 0; c < w; c++) {
                int p = r * w + c;
                int x = c + offsetX + shift;
                if (horizontalMortar || Math.floorMod(x, columnPeriod) < mortar) {
                    mask[p] = 1;
                    brickOf[p] = Long.MIN_VALUE;
                    image[p] = mortarShade;
                    continue;
                }
                long brick = ((long) row << 32) ^ (Math.floorDiv(x, columnPeriod) & 0xFFFFFFFFL);
                brickOf[p] = brick;
                image[p] = shade.computeIfAbsent(brick, b -> rng.uniform(0.25, 0.5));
                boolean border = r == 0 || r == h - 1 || c == 0 || c == w - 1;
                touchesBorder.merge(brick, border, Boolean::logicalOr);
            }
        }
        int inside = (int) touchesBorder.values().stream().filter(t -> !t).count();
        KnownTopology topology = new KnownTopology(1, inside);
        Synthesis.addShading(rng, image, h, w, 0.1);
        Synthesis.addNoise(rng, image, 0.05);
        // Last, so that the image and its clean truth do not depend on the label noise.
        if (labelNoise > 0) {
            corrupt(rng, mask, brickOf, h, w, mortar);
            topology = null;
        }
        return new Synthesis.Sample(image, mask, topology);
    }

    /** Missing vertical joints and spurious lines through bricks, each decided once per joint or brick. */
    private void corrupt(Rng rng, double[] mask, long[] brickOf, int h, int w, int mortar) {
        Map<Long, Boolean> dropJoint = new HashMap<>();
        Map<Long, Integer> spuriousColumn = new HashMap<>();
        for (int r = 0; r < h; r++) {
            for (int c = 0; c < w; c++) {
                int p = r * w + c;
                if (brickOf[p] != Long.MIN_VALUE) {
                    long brick = brickOf[p];
                    int column = spuriousColumn.computeIfAbsent(brick, b -> rng.uniform() < labelNoise / 2 ? 1 + rng.nextInt(4) : 0);
                    // A vertical line a few pixels into the brick from its left edge.
                    if (column > 0 && c >= column && brickOf[p - column] != brick && brickOf[p - column] == Long.MIN_VALUE) {
                        mask[p] = 1;
                    }
                    continue;
                }
                // A vertical-joint pixel has bricks of one row on its left and right within reach.
                long left = nearestBrick(brickOf, r, c, w, -1, mortar);
                long right = nearestBrick(brickOf, r, c, w, +1, mortar);
                if (left != Long.MIN_VALUE && right != Long.MIN_VALUE) {
                    long joint = left * 31 + right;
                    if (dropJoint.computeIfAbsent(joint, j -> rng.uniform() < labelNoise)) {
                        mask[p] = 0;
                    }
                }
            }
        }
    }

    private static long nearestBrick(long[] brickOf, int r, int c, int w, int direction, int reach) {
        for (int k = 1; k <= reach; k++) {
            int cc = c + direction * k;
            if (cc < 0 || cc >= w) {
                return Long.MIN_VALUE;
            }
            if (brickOf[r * w + cc] != Long.MIN_VALUE) {
                return brickOf[r * w + cc];
            }
        }
        return Long.MIN_VALUE;
    }
}
