package org.losslab.analysis;

import java.util.Objects;

/**
 * The loss on an n×n grid of points θ + α·d1 + β·d2 in a plane through the parameters θ of a model, spanned by two
 * directions d1, d2 (Li et al., "Visualizing the Loss Landscape of Neural Nets", 2018).
 *
 * @param alphas the n grid coordinates along d1, ascending (e.g. −r … r)
 * @param betas the n grid coordinates along d2, ascending
 * @param losses row-major [n, n]: {@code losses[j * n + i]} is the loss at ({@code alphas[i]}, {@code betas[j]});
 *     NaN or infinite where the model overflowed
 * @param centreLoss the loss at θ itself (α = β = 0), evaluated on the same probe batch
 * @param step the training step of θ
 * @param directions how d1 and d2 were chosen, in words (e.g. "random, filter-normalised")
 * @param evaluation how the grid was evaluated: {@link #BATCHED} or {@link #PER_POINT}
 * @param seconds wall time of the evaluation
 */
public record LandscapeGrid(double[] alphas, double[] betas, double[] losses, double centreLoss, long step,
        String directions, String evaluation, double seconds) {
    /** Many grid points per engine call: the perturbed parameter sets stacked and run as batched matrix products. */
    public static final String BATCHED = "batched";
    /** One forward pass per grid point (models without a stacked forward pass). */
    public static final String PER_POINT = "per point";

    public LandscapeGrid {
        Objects.requireNonNull(alphas, "alphas");
        Objects.requireNonNull(betas, "betas");
        Objects.requireNonNull(losses, "losses");
        if (losses.length != alphas.length * betas.length) {
            throw new IllegalArgumentException("losses must hold " + alphas.length + "×" + betas.length
                    + " values, got " + losses.length);
        }
        alphas = alphas.clone();
        betas = betas.clone();
        losses = losses.clone();
    }

    /** The loss at ({@code alphas[i]}, {@code betas[j]}). */
    public double loss(int i, int j) {
        return losses[j * alphas.length + i];
    }

    @Override
    public double[] alphas() {
        return alphas.clone();
    }

    @Override
    public double[] betas() {
        return betas.clone();
    }

    @Override
    public double[] losses() {
        return losses.clone();
    }
}
