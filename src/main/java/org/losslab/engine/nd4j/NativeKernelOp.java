package org.losslab.engine.nd4j;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ops.CustomOpDescriptor;
import org.nd4j.linalg.api.ops.DynamicCustomOp;

/**
 * A graph op of our own name that runs an existing native kernel: how the engine replaces SameDiff ops whose Java
 * side (gradient, data types, properties) is broken in M2.1 while keeping their correct native forward pass.
 * Subclasses keep a public no-argument constructor, which SameDiff uses when it copies a graph for gradients.
 */
abstract class NativeKernelOp extends DynamicCustomOp {
    private final String nativeName;
    private final int outputTypeFromInput;

    /** For SameDiff's reflective copies. */
    NativeKernelOp(String nativeName, int outputTypeFromInput) {
        this.nativeName = nativeName;
        this.outputTypeFromInput = outputTypeFromInput;
    }

    /**
     * @param nativeName the libnd4j kernel that computes the forward pass
     * @param outputTypeFromInput the input whose data type the output takes
     */
    NativeKernelOp(String nativeName, int outputTypeFromInput, SameDiff sd, SDVariable... args) {
        super(null, sd, args, false);
        this.nativeName = nativeName;
        this.outputTypeFromInput = outputTypeFromInput;
    }

    @Override
    public final long opHash() {
        return Nd4jRuntime.nativeOp(nativeName).getHash();
    }

    @Override
    public final CustomOpDescriptor getDescriptor() {
        return Nd4jRuntime.nativeOp(nativeName);
    }

    @Override
    public final List<DataType> calculateOutputDataTypes(List<DataType> inputTypes) {
        return Collections.singletonList(inputTypes.get(outputTypeFromInput));
    }

    /** Everything lives in the integer and floating arguments, which survive SameDiff's graph copies. */
    @Override
    public final Map<String, Object> propertiesForFunction() {
        return Collections.emptyMap();
    }

    @Override
    public final void setPropertiesForFunction(Map<String, Object> properties) {}
}
