package org.losslab.ui;

import java.util.Map;
import org.losslab.data.DataCatalog;
import org.losslab.data.DataSource;
import org.losslab.data.DataSplit;
import org.losslab.data.Dataset;
import org.losslab.data.FunctionSource;
import org.losslab.data.TargetFunction;
import org.losslab.experiment.ResolvedExperiment;
import org.losslab.param.ParamValues;

/**
 * What the fitted-curve view draws besides the model: the training points (outliers marked) and validation points
 * of a regression data set with one or two inputs, their input domain, and the true function where the generator
 * knows it.
 *
 * @param inputDims 1 or 2
 * @param min lower edge of every input coordinate
 * @param max upper edge of every input coordinate
 * @param trainX training inputs, row-major {@code [n, inputDims]}
 * @param trainY first target of each training point
 * @param outliers whether each training target is an injected outlier
 * @param validationX validation inputs
 * @param validationY first target of each validation point
 * @param truth the noise-free function, or null when the data does not come from a known function
 */
public record RegressionData(int inputDims, double min, double max, double[] trainX, double[] trainY,
        boolean[] outliers, double[] validationX, double[] validationY, TargetFunction truth) {

    /** Training then validation inputs in one array: the order the probe's point predictions come back in. */
    public double[] allPoints() {
        double[] all = java.util.Arrays.copyOf(trainX, trainX.length + validationX.length);
        System.arraycopy(validationX, 0, all, trainX.length, validationX.length);
        return all;
    }

    public int trainSize() {
        return trainY.length;
    }

    public int validationSize() {
        return validationY.length;
    }

    public int outlierCount() {
        int n = 0;
        for (boolean o : outliers) {
            n += o ? 1 : 0;
        }
        return n;
    }

    /** The view data of an experiment, or null unless it is regression on one or two inputs. */
    public static RegressionData of(ResolvedExperiment experiment) {
        DataSplit data = experiment.setup().data();
        Dataset train = data.train();
        int[] shape = train.featureShape();
        if (!train.isRegression() || shape.length != 1 || shape[0] > 2) {
            return null;
        }
        int d = shape[0];
        TargetFunction truth = null;
        double min;
        double max;
        DataSource source = experiment.spec().data() == null ? null
                : DataCatalog.find(experiment.spec().data().id()).orElse(null);
        if (source instanceof FunctionSource f) {
            Map<String, Object> given = experiment.spec().data().params();
            ParamValues p = f.resolve(given);
            truth = f.function(p);
            min = f.domain()[0];
            max = f.domain()[1];
        } else {
            double[] all = train.features();
            min = java.util.Arrays.stream(all).min().orElse(-1);
            max = java.util.Arrays.stream(all).max().orElse(1);
            if (!(min < max)) {
                min -= 1;
                max += 1;
            }
        }
        boolean[] outliers = new boolean[train.size()];
        for (int i = 0; i < outliers.length; i++) {
            outliers[i] = train.isOutlier(i);
        }
        return new RegressionData(d, min, max, train.features(), firstTarget(train), outliers,
                data.validation().features(), firstTarget(data.validation()), truth);
    }

    private static double[] firstTarget(Dataset d) {
        double[] y = new double[d.size()];
        for (int i = 0; i < y.length; i++) {
            y[i] = d.target(i, 0);
        }
        return y;
    }
}
