package org.losslab.data;

import org.losslab.param.ParamSpec;
import org.losslab.param.Range;

/**
 * Label noise for the bundled image sets, as the 2-D generators have it: a fraction of the <em>training</em> labels
 * flipped to a random other class, validation and test left clean. Test accuracy then says how much of the true
 * classes a model learned from noisy labels: the experiment the noise-robust losses exist for.
 */
final class LabelNoise {
    static final String PARAM = "labelNoise";

    private LabelNoise() {}

    /** The {@code labelNoise} parameter, 0 (none) to 0.9. */
    static ParamSpec param() {
        return ParamSpec.real(PARAM, 0.0, Range.closed(0, 0.9),
                "fraction of training labels flipped to a random other class (validation and test stay clean)");
    }

    /**
     * {@code split} with {@code fraction} of its training labels flipped (exactly {@code round(fraction × n)}, see
     * {@link SyntheticSource#flipLabels}); the same seed flips the same images.
     */
    static DataSplit apply(DataSplit split, double fraction, long seed) {
        if (fraction == 0) {
            return split;
        }
        Dataset train = split.train();
        int[] noisy = SyntheticSource.flipLabels(train.labelsView(), train.numClasses(), fraction,
                Rng.stream(seed, PARAM));
        return new DataSplit(train.withLabels(noisy), split.validation(), split.test());
    }
}
