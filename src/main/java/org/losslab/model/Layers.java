package org.losslab.model;

import java.util.Random;
import org.losslab.engine.HostArray;
import org.losslab.engine.Ops;
import org.losslab.engine.Tensor;

/** Building blocks shared by the models: initialisers and activations. */
public final class Layers {
    private Layers() {}

    /**
     * He-uniform weights U(±sqrt(6/fanIn)), suited to ReLU-family activations.
     *
     * @param shape weight shape; fan-in is the product of all dimensions but the first for conv weights
     *     [O,C,kH,kW], and the first dimension for dense weights [in,out] (set {@code fanIn} explicitly)
     */
    public static HostArray heUniform(Random rng, int fanIn, int... shape) {
        double bound = Math.sqrt(6.0 / fanIn);
        return uniform(rng, bound, shape);
    }

    /**
     * Small non-zero biases U(±1/sqrt(fanIn)) as PyTorch initialises them; non-zero also keeps ReLUs off their
     * kink at the origin, where finite-difference checks disagree with autodiff.
     */
    public static HostArray biasUniform(Random rng, int fanIn, int size) {
        return uniform(rng, 1.0 / Math.sqrt(fanIn), size);
    }

    public static HostArray uniform(Random rng, double bound, int... shape) {
        HostArray zeros = HostArray.zeros(shape);
        double[] d = new double[zeros.size()];
        for (int i = 0; i < d.length; i++) {
            d[i] = (2 * rng.nextDouble() - 1) * bound;
        }
        return HostArray.wrap(d, shape);
    }

    /** Applies a named activation: relu, tanh or gelu. */
    public static Tensor activate(Ops ops, String activation, Tensor x) {
        return switch (activation) {
            case "relu" -> ops.relu(x);
            case "tanh" -> ops.tanh(x);
            case "gelu" -> ops.gelu(x);
            default -> throw new IllegalArgumentException("unknown activation '" + activation + "'; use relu, tanh or gelu");
        };
    }

    /** x·W + b for x [N,in], W [in,out], b [out]. */
    public static Tensor dense(Ops ops, Tensor x, Tensor w, Tensor b) {
        return ops.add(ops.matmul(x, w), b);
    }

    /** Inverted-dropout mask for [batch, width]: 0 with probability {@code rate}, else 1/(1−rate). */
    public static HostArray dropoutMask(Random rng, double rate, int batch, int width) {
        double keep = 1 - rate;
        double[] m = new double[batch * width];
        for (int i = 0; i < m.length; i++) {
            m[i] = rng.nextDouble() < keep ? 1.0 / keep : 0.0;
        }
        return HostArray.wrap(m, batch, width);
    }
}
