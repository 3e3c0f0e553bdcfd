package org.losslab.data;

import java.util.List;

/**
 * Points on a curve: x uniform in [-1, 1], y = f(x) plus heteroscedastic noise, with optional gross outliers in the
 * training set (see {@link FunctionSource}). Features have shape {@code [1]}, targets {@code [1]}.
 */
public final class Function1dSource extends FunctionSource {

    public Function1dSource() {
        super(1, 400, List.of(
                new TargetFunction("sine", "sin(2πx)", 1, x -> Math.sin(2 * Math.PI * x[0])),
                new TargetFunction("step", "−0.5 for x < 0, 0.5 for x ≥ 0", 1, x -> x[0] < 0 ? -0.5 : 0.5),
                new TargetFunction("polynomial", "3x³ − 2x", 1, x -> 3 * x[0] * x[0] * x[0] - 2 * x[0]),
                new TargetFunction("sinc", "sin(3πx) / (3πx)", 1, x -> sinc(3 * Math.PI * x[0]))));
    }

    private static double sinc(double t) {
        return Math.abs(t) < 1e-12 ? 1 : Math.sin(t) / t;
    }

    @Override
    public String id() {
        return "function-1d";
    }

    @Override
    public String displayName() {
        return "Function of x (regression)";
    }

    @Override
    public String description() {
        return "Noisy samples of a curve y = f(x) (sine, step, polynomial or sinc), the noise growing across x, with a "
                + "share of wild outliers among the training points: where robust regression losses show their worth.";
    }

    @Override
    public boolean twoDimensional() {
        return false;
    }
}
