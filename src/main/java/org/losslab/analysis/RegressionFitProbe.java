package org.losslab.analysis;

import java.util.Arrays;
import java.util.Map;
import java.util.function.Consumer;
import org.losslab.engine.CompiledProgram;
import org.losslab.engine.HostArray;
import org.losslab.engine.ParameterStore;
import org.losslab.engine.Program;
import org.losslab.engine.RunRequest;
import org.losslab.model.Model;
import org.losslab.viz.FittedFunction;

/**
 * Evaluates a regression model of one or two inputs over its input domain and at the data points, and publishes a
 * {@link FittedFunction}: the fitted curve (one input, {@value #CURVE_SAMPLES} evenly spaced samples including both
 * ends) or surface (two inputs, the centres of a {@value #SURFACE_RESOLUTION}² grid of cells), and the predictions
 * the residuals are computed from. Grid and points go through the model as one batch: one forward pass, one traced
 * shape. With several target values per example, the first is shown.
 */
public final class RegressionFitProbe extends SnapshotProbe<FittedFunction> {
    /** Samples of a fitted curve: smooth at any tile width, cheap to redo every snapshot. */
    public static final int CURVE_SAMPLES = 241;
    /** Cells per side of a fitted surface. */
    public static final int SURFACE_RESOLUTION = 80;

    private static final String INPUT = "x";
    private static final String OUTPUT = "pred";

    private final Model model;
    private final int inputDims;
    private final double[] xs;
    private final double[] ys;
    /** Grid inputs then data points, row-major [cells + points, inputDims]. */
    private final double[] batch;
    private final int cells;

    /**
     * @param engineId engine to create for this probe (its own instance)
     * @param model a model of one input ({@code [1]}) or two ({@code [2]})
     * @param min lower edge of every input coordinate
     * @param max upper edge of every input coordinate
     * @param points data points whose predictions are reported too, row-major {@code [n, inputDims]} (may be empty)
     * @param listener receives each new fit on the probe thread; must return quickly (e.g. set a holder)
     */
    public RegressionFitProbe(String engineId, Model model, double min, double max, double[] points,
            Consumer<FittedFunction> listener) {
        super(engineId, model, "losslab-regression-fit", listener);
        int[] shape = model.inputShape();
        if (shape.length != 1 || shape[0] < 1 || shape[0] > 2) {
            throw new IllegalArgumentException("a fitted curve or surface needs a model of one or two inputs, this "
                    + "one takes " + Arrays.toString(shape));
        }
        if (!(min < max) || !Double.isFinite(min) || !Double.isFinite(max)) {
            throw new IllegalArgumentException("the input domain needs finite edges with min < max, got [" + min
                    + ", " + max + "]");
        }
        this.model = model;
        this.inputDims = shape[0];
        if (points.length % inputDims != 0) {
            throw new IllegalArgumentException("points come as rows of " + inputDims + " coordinates; got "
                    + points.length + " numbers");
        }
        if (inputDims == 1) {
            xs = curveSamples(min, max, CURVE_SAMPLES);
            ys = new double[] {0};
        } else {
            xs = cellCentres(min, max, SURFACE_RESOLUTION);
            ys = xs.clone();
        }
        cells = xs.length * ys.length;
        batch = new double[(cells + points.length / inputDims) * inputDims];
        int k = 0;
        for (double y : ys) {
            for (double x : xs) {
                batch[k++] = x;
                if (inputDims == 2) {
                    batch[k++] = y;
                }
            }
        }
        System.arraycopy(points, 0, batch, k, points.length);
    }

    @Override
    protected Program program() {
        return (ops, inputs, params) -> Map.of(OUTPUT, model.forward(ops, inputs.get(INPUT), params, Map.of()));
    }

    @Override
    protected FittedFunction evaluate(long step, CompiledProgram program, ParameterStore parameters,
            long startNanos) {
        int rows = batch.length / inputDims;
        HostArray pred = program.run(RunRequest.of(Map.of(INPUT, HostArray.wrap(batch, rows, inputDims)))
                .fetch(OUTPUT), parameters).output(OUTPUT);
        int outputs = pred.dim(1);
        double[] p = pred.data();
        double[] grid = new double[cells];
        double[] atPoints = new double[rows - cells];
        for (int i = 0; i < rows; i++) {
            double v = p[i * outputs];
            if (i < cells) {
                grid[i] = v;
            } else {
                atPoints[i - cells] = v;
            }
        }
        return new FittedFunction(inputDims, xs, ys, grid, atPoints, step, System.nanoTime() - startNanos);
    }

    /** {@code count} evenly spaced values from {@code min} to {@code max}, both included. */
    static double[] curveSamples(double min, double max, int count) {
        double[] v = new double[count];
        for (int i = 0; i < count; i++) {
            v[i] = min + (max - min) * i / (count - 1);
        }
        return v;
    }

    /** Centres of {@code count} equal cells covering [{@code min}, {@code max}]. */
    static double[] cellCentres(double min, double max, int count) {
        double[] v = new double[count];
        double step = (max - min) / count;
        for (int i = 0; i < count; i++) {
            v[i] = min + (i + 0.5) * step;
        }
        return v;
    }
}
