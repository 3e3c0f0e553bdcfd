package org.losslab.engine.pytorch;

import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.jni.JniUtils;
import org.losslab.engine.Buffer;
import org.losslab.engine.HostArray;

/**
 * A {@link Buffer} over one NDArray, updated in place: a parameter, its gradient, or optimizer state.
 *
 * <p>Each update runs with autograd's grad mode off (libtorch refuses in-place updates of a leaf that requires
 * grad otherwise). Scalar coefficients come from the engine's {@link ScratchScalars}, so an update allocates at most the
 * one or two temporaries named in each method, and closes them at once.
 */
final class PtBuffer implements Buffer {
    private final PytorchEngine engine;
    private final PtNDArray array;
    private final PtNDManager owner;

    /**
     * @param array the array updated in place
     * @param owner where {@link #zerosLike()} puts new state: a parameter store's manager, so optimizer state lives
     *     as long as the parameters
     */
    PtBuffer(PytorchEngine engine, PtNDArray array, PtNDManager owner) {
        this.engine = engine;
        this.array = array;
        this.owner = owner;
    }

    PtNDArray array() {
        return array;
    }

    @Override
    public int[] shape() {
        return PytorchEngine.intShape(array.getShape());
    }

    @Override
    public Buffer zerosLike() {
        return new PtBuffer(engine, (PtNDArray) owner.zeros(array.getShape(), engine.dataType()), owner);
    }

    @Override
    public void scale(double a) {
        boolean gradMode = gradModeOff();
        try {
            JniUtils.muli(array, engine.scratch().first(a));
        } finally {
            restore(gradMode);
        }
    }

    @Override
    public void addScaled(Buffer x, double a) {
        boolean gradMode = gradModeOff();
        try {
            PtNDArray other = of(x);
            if (a == 1) {
                JniUtils.addi(array, other);
                return;
            }
            try (PtNDArray scaled = JniUtils.mul(other, engine.scratch().first(a))) {
                JniUtils.addi(array, scaled);
            }
        } finally {
            restore(gradMode);
        }
    }

    @Override
    public void addScaledSquare(Buffer x, double a) {
        boolean gradMode = gradModeOff();
        try {
            PtNDArray other = of(x);
            try (PtNDArray term = JniUtils.mul(other, engine.scratch().first(a))) {
                JniUtils.muli(term, other);
                JniUtils.addi(array, term);
            }
        } finally {
            restore(gradMode);
        }
    }

    @Override
    public void addScaledRatio(Buffer num, Buffer den, double a, double denScale, double eps) {
        boolean gradMode = gradModeOff();
        try {
            ScratchScalars k = engine.scratch();
            try (PtNDArray denominator = JniUtils.sqrt(of(den))) {
                JniUtils.muli(denominator, k.first(denScale));
                JniUtils.addi(denominator, k.second(eps));
                try (PtNDArray ratio = JniUtils.div(of(num), denominator)) {
                    JniUtils.muli(ratio, k.third(a));
                    JniUtils.addi(array, ratio);
                }
            }
        } finally {
            restore(gradMode);
        }
    }

    @Override
    public void assign(Buffer x) {
        boolean gradMode = gradModeOff();
        try {
            PtNDArray other = of(x);
            if (!array.getShape().equals(other.getShape())) {
                throw new IllegalArgumentException("assign: shape " + other.getShape() + " into " + array.getShape());
            }
            long n = array.getShape().size();
            // Copy through flat views (they share storage with the arrays): index_put_ over the whole range.
            try (PtNDArray target = JniUtils.reshape(array, new long[] {n});
                    PtNDArray source = JniUtils.reshape(other, new long[] {n})) {
                JniUtils.indexSet(target, source, new long[] {0}, new long[] {n}, new long[] {1});
            }
        } finally {
            restore(gradMode);
        }
    }

    @Override
    public HostArray toHost() {
        return engine.toHost(array);
    }

    /**
     * Turns autograd's grad mode off for an in-place update and returns what it was: libtorch rejects in-place
     * updates of a leaf that requires grad while it is on, and it is on by default in every new thread.
     */
    private static boolean gradModeOff() {
        boolean on = JniUtils.isGradMode();
        if (on) {
            JniUtils.setGradMode(false);
        }
        return on;
    }

    private static void restore(boolean gradMode) {
        if (gradMode) {
            JniUtils.setGradMode(true);
        }
    }

    private static PtNDArray of(Buffer b) {
        if (b instanceof PtBuffer p) {
            return p.array;
        }
        throw new IllegalArgumentException("not a buffer of the pytorch engine: " + b);
    }

    @Override
    public String toString() {
        return "PtBuffer" + array.getShape();
    }
}
