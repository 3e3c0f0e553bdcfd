package org.losslab.engine.nd4j;

import java.util.List;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ops.impl.scatter.ScatterAdd;

/**
 * Rows of {@code x} along axis 0: the native {@code gather} forward with a gradient that scatter-adds.
 *
 * <p>Inputs: x [D, ...], indices [K] (integer type). Output: [K, ...]. The stock M2.1 {@code Gather} op writes the
 * upstream gradient with a scatter-<em>update</em>, so a repeated index keeps only one of its rows' gradients (and
 * its 2-D backprop can crash); here the gradient of x is {@code scatter_add(zeros_like(x), indices, grad)}, run
 * single-threaded (the "lock" flag) so concurrent adds to the same row cannot race.
 *
 * <p>Public with a no-argument constructor because SameDiff re-creates the op by reflection, looked up under
 * {@link #OP_NAME}, when it copies the graph for gradients (see {@link Nd4jRuntime}).
 */
public final class GatherOp extends NativeKernelOp {
    public static final String OP_NAME = "losslab_gather_rows";

    public GatherOp() {
        super("gather", 0);
    }

    public GatherOp(SameDiff sd, SDVariable x, SDVariable indices) {
        super("gather", 0, sd, x, indices);
        addIArgument(0); // axis
    }

    @Override
    public String opName() {
        return OP_NAME;
    }

    @Override
    public List<SDVariable> doDiff(List<SDVariable> gradients) {
        SDVariable x = arg(0);
        SDVariable indices = arg(1);
        ScatterAdd add = new ScatterAdd(sameDiff, sameDiff.zerosLike(x), indices, gradients.get(0));
        add.addBArgument(true, false); // lock (serial adds), no index check
        return List.of(add.outputVariable(), sameDiff.zerosLike(indices));
    }
}
