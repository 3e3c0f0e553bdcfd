package org.losslab.engine;

/**
 * Settings of an {@link Optimizer}; unused fields are ignored by a kind that has no such setting.
 *
 * @param kind update rule
 * @param learningRate step size, positive
 * @param beta1 Adam's first-moment decay, in [0,1)
 * @param beta2 Adam's second-moment decay, in [0,1)
 * @param epsilon Adam's denominator guard, positive
 * @param momentum SGD momentum, in [0,1)
 * @param weightDecay L2 (Adam, SGD) or decoupled (AdamW) decay, non-negative
 */
public record OptimizerConfig(
        Kind kind, double learningRate, double beta1, double beta2, double epsilon, double momentum, double weightDecay) {

    public enum Kind {
        ADAM,
        ADAMW,
        SGD
    }

    public OptimizerConfig {
        if (kind == null) {
            throw new IllegalArgumentException("optimizer kind is required (adam, adamw or sgd)");
        }
        check("learningRate", learningRate, learningRate > 0 && Double.isFinite(learningRate), "a positive number");
        check("beta1", beta1, beta1 >= 0 && beta1 < 1, "in [0, 1)");
        check("beta2", beta2, beta2 >= 0 && beta2 < 1, "in [0, 1)");
        check("epsilon", epsilon, epsilon > 0, "positive");
        check("momentum", momentum, momentum >= 0 && momentum < 1, "in [0, 1)");
        check("weightDecay", weightDecay, weightDecay >= 0 && Double.isFinite(weightDecay), "non-negative");
    }

    private static void check(String field, double value, boolean ok, String rule) {
        if (!ok) {
            throw new IllegalArgumentException("optimizer." + field + " must be " + rule + ", got " + value);
        }
    }

    public static OptimizerConfig adam(double learningRate) {
        return new OptimizerConfig(Kind.ADAM, learningRate, 0.9, 0.999, 1e-8, 0, 0);
    }

    public static OptimizerConfig adamW(double learningRate, double weightDecay) {
        return new OptimizerConfig(Kind.ADAMW, learningRate, 0.9, 0.999, 1e-8, 0, weightDecay);
    }

    public static OptimizerConfig sgd(double learningRate, double momentum) {
        return new OptimizerConfig(Kind.SGD, learningRate, 0.9, 0.999, 1e-8, momentum, 0);
    }

    public OptimizerConfig withLearningRate(double lr) {
        return new OptimizerConfig(kind, lr, beta1, beta2, epsilon, momentum, weightDecay);
    }
}
