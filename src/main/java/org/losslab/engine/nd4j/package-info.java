/**
 * The {@code nd4j} engine: the {@link org.losslab.engine} seam implemented with ND4J 1.0.0-M2.1 SameDiff on the
 * CPU backend.
 *
 * <p>A {@link org.losslab.engine.Program} is traced into a SameDiff graph once per set of input shapes
 * ({@link org.losslab.engine.nd4j.Nd4jCompiledProgram}); parameters are SameDiff variables bound to the parameter
 * store's arrays, which optimizers update in place. The M2.1 autodiff defects that the project found by comparing
 * engines are worked around here, once: a gather whose gradient scatter-adds ({@link
 * org.losslab.engine.nd4j.GatherOp}), CTC around the native kernel ({@link org.losslab.engine.nd4j.CtcLossOp}),
 * no pairwise min/max and log-softmax only from primitives ({@code Nd4jOps}). ND4J types appear nowhere else in
 * the project.
 */
package org.losslab.engine.nd4j;
