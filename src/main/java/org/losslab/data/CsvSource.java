package org.losslab.data;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.losslab.param.ParamSpec;
import org.losslab.param.ParamValues;
import org.losslab.param.Range;

/**
 * The user's own table: a CSV file of numeric features and a label column (see {@link CsvDatasetReader} for the
 * format), split into train and validation by a seeded, stratified shuffle.
 *
 * <p>{@link #twoDimensional()} is false because it cannot be known before a file is chosen; a loaded data set with
 * two feature columns says so through {@link Dataset#isTwoDimensional()}.
 */
public final class CsvSource implements DataSource {

    @Override
    public String id() {
        return "csv";
    }

    @Override
    public String displayName() {
        return "CSV file";
    }

    @Override
    public String description() {
        return "Your own data: a CSV table with one row per example, numeric feature columns and a label column.";
    }

    @Override
    public String attribution() {
        return "Your own data, read from the CSV file you chose.";
    }

    @Override
    public List<ParamSpec> params() {
        return List.of(
                ParamSpec.string("path", null, "the CSV file to read"),
                ParamSpec.string("labelColumn", "last",
                        "the label column: its header name, its 0-based index, or 'last'"),
                ParamSpec.choice("labels", "auto", List.of("auto", "integer", "names"),
                        "read labels as class indices 0, 1, … ('integer'), as class names ('names'), or as they look"),
                ParamSpec.real("validationFraction", 0.2, new Range(0, false, 0.9, true),
                        "share of the rows held out for validation"));
    }

    @Override
    public boolean twoDimensional() {
        return false;
    }

    @Override
    public DataSplit load(ParamValues p, long seed) {
        Path file;
        try {
            file = Path.of(p.string("path"));
        } catch (InvalidPathException e) {
            throw new DataException("not a valid file path: '" + p.string("path") + "' (" + e.getReason() + ")", e);
        }
        CsvDatasetReader.Options options = CsvDatasetReader.Options.defaults()
                .withLabelColumn(p.string("labelColumn"))
                .withLabels(CsvDatasetReader.LabelKind.valueOf(p.string("labels").toUpperCase(Locale.ROOT)));
        Dataset all = CsvDatasetReader.read(file, options);
        return DataSplit.stratified(all, p.real("validationFraction"), 0, seed);
    }
}
