package org.losslab.engine;

import java.util.HashMap;
import java.util.Map;

/**
 * A parameter update rule, written once against {@link Buffer} so both engines apply identical arithmetic.
 * Semantics follow {@code torch.optim} (stated per subclass). Holds per-parameter state; one instance per run.
 */
public abstract class Optimizer {
    private final Map<String, Map<String, Buffer>> state = new HashMap<>();
    private double learningRate;
    private long steps;

    protected Optimizer(double learningRate) {
        setLearningRate(learningRate);
    }

    public static Optimizer create(OptimizerConfig config) {
        return switch (config.kind()) {
            case ADAM -> new Adam(config, false);
            case ADAMW -> new Adam(config, true);
            case SGD -> new Sgd(config);
        };
    }

    public final double learningRate() {
        return learningRate;
    }

    /** May change between steps (the toolbar's learning-rate field). */
    public final void setLearningRate(double learningRate) {
        if (!(learningRate > 0) || !Double.isFinite(learningRate)) {
            throw new IllegalArgumentException("learning rate must be a positive finite number, got " + learningRate);
        }
        this.learningRate = learningRate;
    }

    /** Number of completed {@link #step} calls. */
    public final long steps() {
        return steps;
    }

    /** Applies one update to every parameter given its gradient. */
    public final void step(Map<String, Buffer> params, Map<String, Buffer> grads) {
        steps++;
        for (Map.Entry<String, Buffer> e : params.entrySet()) {
            Buffer grad = grads.get(e.getKey());
            if (grad == null) {
                throw new IllegalStateException("no gradient for parameter " + e.getKey());
            }
            update(e.getKey(), e.getValue(), grad, steps);
        }
    }

    /** Updates one parameter in place; {@code t} is the 1-based step number. */
    protected abstract void update(String name, Buffer param, Buffer grad, long t);

    /** Per-parameter state buffer, created as zeros on first use. */
    protected final Buffer state(String name, String slot, Buffer like) {
        return state.computeIfAbsent(name, k -> new HashMap<>()).computeIfAbsent(slot, k -> like.zerosLike());
    }

    /**
     * Adam as {@code torch.optim.Adam} (L2 weight decay added to the gradient) or {@code torch.optim.AdamW}
     * (decoupled decay {@code p *= 1 - lr·wd} before the step). Bias correction is applied as in torch:
     * {@code p -= lr/(1-β1^t) · m / (sqrt(v)/sqrt(1-β2^t) + ε)} — not folded into the learning rate as DJL's own
     * Adam does.
     */
    static final class Adam extends Optimizer {
        private final double beta1;
        private final double beta2;
        private final double epsilon;
        private final double weightDecay;
        private final boolean decoupled;

        Adam(OptimizerConfig c, boolean decoupled) {
            super(c.learningRate());
            this.beta1 = c.beta1();
            this.beta2 = c.beta2();
            this.epsilon = c.epsilon();
            this.weightDecay = c.weightDecay();
            this.decoupled = decoupled;
        }

        @Override
        protected void update(String name, Buffer param, Buffer grad, long t) {
            if (weightDecay != 0) {
                if (decoupled) {
                    param.scale(1 - learningRate() * weightDecay);
                } else {
                    grad.addScaled(param, weightDecay);
                }
            }
            Buffer m = state(name, "m", param);
            Buffer v = state(name, "v", param);
            m.scale(beta1);
            m.addScaled(grad, 1 - beta1);
            v.scale(beta2);
            v.addScaledSquare(grad, 1 - beta2);
            double bc1 = 1 - Math.pow(beta1, t);
            double bc2 = 1 - Math.pow(beta2, t);
            param.addScaledRatio(m, v, -learningRate() / bc1, 1 / Math.sqrt(bc2), epsilon);
        }
    }

    /** SGD with momentum as {@code torch.optim.SGD} (no dampening, optional L2 weight decay). */
    static final class Sgd extends Optimizer {
        private final double momentum;
        private final double weightDecay;

        Sgd(OptimizerConfig c) {
            super(c.learningRate());
            this.momentum = c.momentum();
            this.weightDecay = c.weightDecay();
        }

        @Override
        protected void update(String name, Buffer param, Buffer grad, long t) {
            if (weightDecay != 0) {
                grad.addScaled(param, weightDecay);
            }
            if (momentum == 0) {
                param.addScaled(grad, -learningRate());
                return;
            }
            Buffer velocity = state(name, "velocity", param);
            velocity.scale(momentum);
            velocity.addScaled(grad, 1);
            param.addScaled(velocity, -learningRate());
        }
    }
}
