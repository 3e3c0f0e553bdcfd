package org.losslab.engine;

/**
 * An engine-side array inside a {@link Program}: a SameDiff variable for {@code nd4j}, an NDArray for
 * {@code pytorch}. It is only meaningful to the {@link Ops} that produced it and only during one build.
 *
 * <p>Shapes are always concrete: programs are traced (or run) with the actual input shapes.
 */
public interface Tensor {
    /** The concrete shape, outermost axis first. */
    long[] shape();

    default int rank() {
        return shape().length;
    }

    /** Size of {@code axis}; negative axes count from the end. */
    default long dim(int axis) {
        long[] s = shape();
        return s[axis < 0 ? s.length + axis : axis];
    }
}
