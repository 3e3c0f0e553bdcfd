package org.losslab.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.losslab.param.ParamSpec;
import org.losslab.param.ParamValues;
import org.losslab.param.Range;

/**
 * 1,797 handwritten digits as 8×8 grey images (the UCI set that scikit-learn ships as {@code load_digits}): small
 * enough that a CNN trains on it in seconds. Pixels 0..16 are scaled to [0, 1]; examples have shape {@code [1, 8, 8]}.
 * Train, validation and test are split by a seeded, stratified shuffle; {@code labelNoise} flips training labels
 * only (see {@link LabelNoise}).
 */
public final class DigitsSource implements DataSource {
    static final String FILE = "digits/digits-8x8.csv";
    static final String ATTRIBUTION = "UCI \"Optical Recognition of Handwritten Digits\" (CC BY 4.0), as shipped by "
            + "scikit-learn (`load_digits`)";

    @Override
    public String id() {
        return "digits";
    }

    @Override
    public String displayName() {
        return "Digits (8×8)";
    }

    @Override
    public String description() {
        return "1,797 tiny 8×8 images of handwritten digits: a real image task that trains in seconds.";
    }

    @Override
    public String attribution() {
        return ATTRIBUTION;
    }

    @Override
    public List<ParamSpec> params() {
        return List.of(
                ParamSpec.real("validationFraction", 0.2, new Range(0, false, 0.5, true),
                        "share of the images held out for validation"),
                ParamSpec.real("testFraction", 0.2, Range.closed(0, 0.5),
                        "share of the images held out as a test set (0 for none)"),
                LabelNoise.param());
    }

    @Override
    public boolean twoDimensional() {
        return false;
    }

    @Override
    public DataSplit load(ParamValues p, long seed) {
        return LabelNoise.apply(
                DataSplit.stratified(readAll(), p.real("validationFraction"), p.real("testFraction"), seed),
                p.real(LabelNoise.PARAM), seed);
    }

    /** All 1,797 images, in file order. */
    static Dataset readAll() {
        Dataset table;
        try (InputStream in = Bundled.open(FILE)) {
            table = CsvDatasetReader.read(new InputStreamReader(in, StandardCharsets.UTF_8), Bundled.name(FILE),
                    "digits", ATTRIBUTION, CsvDatasetReader.Options.defaults().withHeader(true)
                            .withLabelColumn("label").withLabels(CsvDatasetReader.LabelKind.INTEGER));
        } catch (IOException e) {
            throw new DataException("cannot read " + Bundled.name(FILE) + ": " + e.getMessage(), e);
        }
        if (table.featureSize() != 64) {
            throw new DataException(Bundled.name(FILE) + " has " + table.featureSize() + " pixel columns, expected 64");
        }
        double[] x = table.featuresView().clone();
        for (int i = 0; i < x.length; i++) {
            if (x[i] < 0 || x[i] > 16) {
                throw new DataException(Bundled.name(FILE) + ": pixel " + (i % 64) + " of image " + (i / 64) + " is "
                        + x[i] + ", outside 0..16");
            }
            x[i] /= 16.0;
        }
        return Dataset.adopt("digits", new int[] {1, 8, 8}, x, table.labelsView().clone(), table.numClasses(),
                table.classNames(), ATTRIBUTION);
    }
}
