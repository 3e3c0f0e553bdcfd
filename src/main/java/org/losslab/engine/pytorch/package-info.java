/**
 * The {@code pytorch} engine: the {@link org.losslab.engine} seam over libtorch 2.5.1 through DJL 0.33, eager, with
 * autograd.
 *
 * <p>How it runs: a {@link org.losslab.engine.Program} is built again on every call, on real arrays, while libtorch
 * records the graph; the backward pass then runs natively. Shapes are concrete, so nothing is traced or cached per
 * shape.
 *
 * <p>The DJL traps this package handles, each covered by a test:
 * <ul>
 *   <li>Gradients accumulate across backward passes: every call that runs one zeroes them before it returns.</li>
 *   <li>Every op's result belongs to the memory manager of its first operand, and {@code getGradient()} returns a
 *       new handle each call: each call has a step manager that receives every result and handle and is closed
 *       when the call ends, so the number of live arrays stays flat over any number of steps.</li>
 *   <li>DJL's built-in Adam folds bias correction into the learning rate: the seam's
 *       {@link org.losslab.engine.Optimizer} runs instead, over {@link org.losslab.engine.Buffer}s updated in
 *       place.</li>
 *   <li>DJL's {@code GradientCollector} allows one collector per JVM: grad mode is switched per call, per
 *       thread.</li>
 * </ul>
 * No DJL type leaves this package.
 */
package org.losslab.engine.pytorch;
