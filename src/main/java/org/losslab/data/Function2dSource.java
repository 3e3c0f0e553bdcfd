package org.losslab.data;

import java.util.List;

/**
 * Points on a surface: (x₁, x₂) uniform in [-1, 1]², y = f(x₁, x₂) plus heteroscedastic noise, with optional gross
 * outliers in the training set (see {@link FunctionSource}). Features have shape {@code [2]}, targets {@code [1]}.
 */
public final class Function2dSource extends FunctionSource {

    public Function2dSource() {
        super(2, 1000, List.of(
                new TargetFunction("sin-cos", "sin(πx₁)·cos(πx₂)", 2,
                        x -> Math.sin(Math.PI * x[0]) * Math.cos(Math.PI * x[1])),
                new TargetFunction("saddle", "x₁² − x₂²", 2, x -> x[0] * x[0] - x[1] * x[1]),
                new TargetFunction("bump", "exp(−4(x₁² + x₂²))", 2,
                        x -> Math.exp(-4 * (x[0] * x[0] + x[1] * x[1])))));
    }

    @Override
    public String id() {
        return "function-2d";
    }

    @Override
    public String displayName() {
        return "Function of (x₁, x₂) (regression)";
    }

    @Override
    public String description() {
        return "Noisy samples of a surface y = f(x₁, x₂) (sin·cos, saddle or bump) with noise that can grow across "
                + "the plane and a share of wild outliers among the training points.";
    }

    @Override
    public boolean twoDimensional() {
        return true;
    }
}
