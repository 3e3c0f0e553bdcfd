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
 *
 * <p>Per-step work is kept small because op overhead, not arithmetic, dominates small models: inputs are copied
 * into reusable arrays that alias our own direct buffers; scalar operands are cached rank-0 arrays; on the CPU the
 * parameters share one buffer, so the seam's element-wise optimizers update all of them with one op per rule
 * instead of one per parameter.
 *
 * <p>Threads: libtorch's intra-op pool (OpenMP) spins at its barriers. With two threads on a two-core machine
 * that another process is also using, a step can become ten or more times slower; one thread
 * ({@code -Dai.djl.pytorch.num_threads=1}) or {@code OMP_WAIT_POLICY=PASSIVE} in the environment avoids that.
 *
 * <p>No DJL type leaves this package.
 */
package org.losslab.engine.pytorch;
