package org.losslab.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every op of the seam on every engine, in double precision: the value against the other engine (and, for a
 * reference engine, against finite-difference-checked gradients), and the gradient of a random projection of the
 * output against central finite differences. Inputs avoid kinks and ties, where engines legitimately differ.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpsContractTest {
    private final Map<String, Engine> engines = new java.util.TreeMap<>();

    /** An op under test: a name, its inputs, and how to build it. */
    record Case(String name, Map<String, HostArray> inputs, BiFunction<Ops, Map<String, Tensor>, Tensor> op) {
        @Override
        public String toString() {
            return name;
        }
    }

    @BeforeAll
    void createEngines() {
        for (String id : Engines.ids()) {
            engines.put(id, Engines.create(id, Precision.FLOAT64));
        }
    }

    @AfterAll
    void closeEngines() {
        engines.values().forEach(Engine::close);
    }

    static HostArray random(long seed, double lo, double hi, int... shape) {
        Random r = new Random(seed);
        HostArray zeros = HostArray.zeros(shape);
        double[] d = new double[zeros.size()];
        for (int i = 0; i < d.length; i++) {
            d[i] = lo + (hi - lo) * r.nextDouble();
        }
        return HostArray.wrap(d, shape);
    }

    static Map<String, HostArray> in(Object... pairs) {
        return GradientCheck.inputs(pairs);
    }

    static Stream<Arguments> cases() {
        HostArray a = random(1, -2, 2, 3, 4);
        HostArray b = random(2, -2, 2, 3, 4);
        HostArray pos = random(3, 0.5, 2, 3, 4);
        HostArray row = random(4, 0.5, 2, 4);
        HostArray col = random(5, -1, 1, 3, 1);
        HostArray labels = HostArray.vector(2, 0, 3);
        List<Case> cs = new ArrayList<>();
        cs.add(new Case("add", in("a", a, "b", b), (o, t) -> o.add(t.get("a"), t.get("b"))));
        cs.add(new Case("add broadcast row", in("a", a, "r", row), (o, t) -> o.add(t.get("a"), t.get("r"))));
        cs.add(new Case("sub broadcast col", in("a", a, "c", col), (o, t) -> o.sub(t.get("a"), t.get("c"))));
        cs.add(new Case("mul", in("a", a, "b", b), (o, t) -> o.mul(t.get("a"), t.get("b"))));
        cs.add(new Case("mul broadcast col", in("a", a, "c", col), (o, t) -> o.mul(t.get("a"), t.get("c"))));
        cs.add(new Case("div", in("a", a, "p", pos), (o, t) -> o.div(t.get("a"), t.get("p"))));
        cs.add(new Case("div broadcast row", in("a", a, "r", row), (o, t) -> o.div(t.get("a"), t.get("r"))));
        // A one-element divisor (a reduced sum): SameDiff's stock gradient for it was wrong, ENGINES.md-style trap.
        HostArray one = random(6, 0.5, 2, 1, 1);
        cs.add(new Case("div by one-element [1,1]", in("a", a, "s", one), (o, t) -> o.div(t.get("a"), t.get("s"))));
        cs.add(new Case("div by a reduced sum", in("a", a, "p", pos),
                (o, t) -> o.div(t.get("a"), o.sum(t.get("p"), false))));
        cs.add(new Case("div by a reduced sum, kept dims", in("a", a, "p", pos),
                (o, t) -> o.div(t.get("a"), o.sum(t.get("p"), true))));
        cs.add(new Case("div one-element by matrix", in("s", one, "p", pos),
                (o, t) -> o.div(t.get("s"), t.get("p"))));
        cs.add(new Case("add scalar", in("a", a), (o, t) -> o.add(t.get("a"), 1.5)));
        cs.add(new Case("mul scalar", in("a", a), (o, t) -> o.mul(t.get("a"), -0.7)));
        cs.add(new Case("rsub scalar", in("a", a), (o, t) -> o.rsub(2.0, t.get("a"))));
        cs.add(new Case("pow 2.5", in("p", pos), (o, t) -> o.pow(t.get("p"), 2.5)));
        cs.add(new Case("pow 3 of negatives", in("a", a), (o, t) -> o.pow(t.get("a"), 3)));
        cs.add(new Case("neg", in("a", a), (o, t) -> o.neg(t.get("a"))));
        cs.add(new Case("exp", in("a", a), (o, t) -> o.exp(t.get("a"))));
        cs.add(new Case("log", in("p", pos), (o, t) -> o.log(t.get("p"))));
        cs.add(new Case("sqrt", in("p", pos), (o, t) -> o.sqrt(t.get("p"))));
        cs.add(new Case("square", in("a", a), (o, t) -> o.square(t.get("a"))));
        cs.add(new Case("abs", in("a", a), (o, t) -> o.abs(t.get("a"))));
        cs.add(new Case("relu", in("a", a), (o, t) -> o.relu(t.get("a"))));
        cs.add(new Case("tanh", in("a", a), (o, t) -> o.tanh(t.get("a"))));
        cs.add(new Case("sigmoid", in("a", a), (o, t) -> o.sigmoid(t.get("a"))));
        cs.add(new Case("softplus", in("a", a), (o, t) -> o.softplus(t.get("a"))));
        cs.add(new Case("softplus large", in("a", random(6, 20, 40, 2, 3)), (o, t) -> o.softplus(t.get("a"))));
        cs.add(new Case("gelu", in("a", a), (o, t) -> o.gelu(t.get("a"))));
        cs.add(new Case("atan", in("a", random(21, -6, 6, 3, 4)), (o, t) -> o.atan(t.get("a"))));
        // Finite differences see stopGradient as the identity, so its operand must be an input they do not perturb
        // ("y" is never differentiated); that the gradient through it is zero is checked per engine.
        cs.add(new Case("stopGradient", in("a", a, "y", b), (o, t) -> o.mul(o.stopGradient(t.get("y")), t.get("a"))));
        cs.add(new Case("greaterThan mask", in("a", a, "b", b),
                (o, t) -> o.mul(o.greaterThan(t.get("a"), t.get("b")), t.get("a"))));
        cs.add(new Case("greaterThan scalar mask", in("a", a),
                (o, t) -> o.mul(o.greaterThan(t.get("a"), 0.1), t.get("a"))));
        cs.add(new Case("sum all", in("a", a), (o, t) -> o.sum(t.get("a"), false)));
        cs.add(new Case("sum axis 1", in("a", a), (o, t) -> o.sum(t.get("a"), false, 1)));
        cs.add(new Case("sum axis 0 keep", in("a", a), (o, t) -> o.sum(t.get("a"), true, 0)));
        cs.add(new Case("mean axis -1", in("a", a), (o, t) -> o.mean(t.get("a"), false, -1)));
        cs.add(new Case("mean all", in("a", a), (o, t) -> o.mean(t.get("a"), false)));
        cs.add(new Case("max axis 1", in("a", a), (o, t) -> o.max(t.get("a"), false, 1)));
        cs.add(new Case("max axis 0 keep", in("a", a), (o, t) -> o.max(t.get("a"), true, 0)));
        cs.add(new Case("reshape", in("a", a), (o, t) -> o.reshape(t.get("a"), 2, 6)));
        cs.add(new Case("reshape -1", in("a", a), (o, t) -> o.reshape(t.get("a"), -1)));
        cs.add(new Case("permute", in("x", random(7, -1, 1, 2, 3, 4)), (o, t) -> o.permute(t.get("x"), 2, 0, 1)));
        cs.add(new Case("transpose", in("a", a), (o, t) -> o.transpose(t.get("a"))));
        cs.add(new Case("concat", in("a", a, "b", b), (o, t) -> o.concat(1, t.get("a"), t.get("b"))));
        cs.add(new Case("slice", in("a", a), (o, t) -> o.slice(t.get("a"), 1, 1, 3)));
        cs.add(new Case("matmul", in("a", a, "m", random(8, -1, 1, 4, 5)), (o, t) -> o.matmul(t.get("a"), t.get("m"))));
        cs.add(new Case("batched matmul", in("x", random(9, -1, 1, 2, 3, 4), "y", random(10, -1, 1, 2, 4, 2)),
                (o, t) -> o.matmul(t.get("x"), t.get("y"))));
        cs.add(new Case("oneHot", in("a", a, "y", labels), (o, t) -> o.mul(o.oneHot(t.get("y"), 4), t.get("a"))));
        cs.add(new Case("gather rows with repeats", in("a", a, "i", HostArray.vector(2, 0, 2, 1)),
                (o, t) -> o.gather(t.get("a"), t.get("i"), 0)));
        cs.add(new Case("gather columns", in("a", a, "i", HostArray.vector(3, 3, 1)),
                (o, t) -> o.gather(t.get("a"), t.get("i"), 1)));
        cs.add(new Case("conv2d", in("x", random(11, -1, 1, 2, 2, 5, 5), "w", random(12, -1, 1, 3, 2, 3, 3),
                "b", random(13, -1, 1, 3)), (o, t) -> o.conv2d(t.get("x"), t.get("w"), t.get("b"), 1, 0)));
        cs.add(new Case("conv2d stride 2 padding 1", in("x", random(14, -1, 1, 1, 1, 6, 6), "w", random(15, -1, 1, 2, 1, 3, 3)),
                (o, t) -> o.conv2d(t.get("x"), t.get("w"), null, 2, 1)));
        cs.add(new Case("maxPool2d", in("x", random(16, -1, 1, 2, 2, 4, 4)), (o, t) -> o.maxPool2d(t.get("x"), 2, 2)));
        cs.add(new Case("avgPool2d", in("x", random(17, -1, 1, 2, 2, 4, 4)), (o, t) -> o.avgPool2d(t.get("x"), 2, 2)));
        cs.add(new Case("logSumExp", in("a", a), (o, t) -> o.logSumExp(t.get("a"), 1, false)));
        cs.add(new Case("logSoftmax", in("a", a), (o, t) -> o.logSoftmax(t.get("a"), -1)));
        cs.add(new Case("softmax axis 0", in("a", a), (o, t) -> o.softmax(t.get("a"), 0)));
        cs.add(new Case("minimum", in("a", a, "b", b), (o, t) -> o.minimum(t.get("a"), t.get("b"))));
        cs.add(new Case("maximum", in("a", a, "b", b), (o, t) -> o.maximum(t.get("a"), t.get("b"))));
        cs.add(new Case("clamp", in("a", a), (o, t) -> o.clamp(t.get("a"), -0.5, 0.7)));
        cs.add(new Case("ctcLoss", in("z", random(18, -1, 1, 2, 5, 4), "targets", HostArray.matrix(new double[][] {{1, 2}, {3, 3}}),
                "inLen", HostArray.vector(5, 4), "tgtLen", HostArray.vector(2, 2)),
                (o, t) -> o.ctcLoss(o.logSoftmax(t.get("z"), -1), t.get("targets"), t.get("inLen"), t.get("tgtLen"))));
        return cs.stream().map(Arguments::of);
    }

    /** Differentiable inputs: labels, indices, lengths and stopped operands are not. */
    static boolean differentiable(String inputName) {
        return !List.of("y", "i", "s", "targets", "inLen", "tgtLen").contains(inputName);
    }

    static Program projected(Case c, HostArray weights) {
        return (ops, inputs, params) -> {
            Tensor out = c.op().apply(ops, inputs);
            Tensor w = ops.constant(weights);
            Tensor projection = ops.sum(ops.mul(out, w), false);
            return Map.of("out", out, "projection", projection);
        };
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void valueAgreesAcrossEnginesAndGradientMatchesFiniteDifferences(Case c) {
        assumeTrue(!engines.isEmpty(), "no engine available");
        HostArray reference = null;
        String referenceEngine = null;
        for (Map.Entry<String, Engine> e : engines.entrySet()) {
            Engine engine = e.getValue();
            try (CompiledProgram probe = engine.compile((ops, inputs, params) -> Map.of("out", c.op().apply(ops, inputs)));
                    ParameterStore none = engine.createParameters(Map.of())) {
                HostArray out = probe.run(RunRequest.of(c.inputs()).fetch("out"), none).output("out");
                if (reference == null) {
                    reference = out;
                    referenceEngine = e.getKey();
                } else {
                    assertThat(GradientCheck.maxRelativeError(out, reference))
                            .as("%s: %s vs %s value", c.name(), e.getKey(), referenceEngine)
                            .isLessThan(1e-9);
                }
                HostArray weights = random(99, -1, 1, out.shape());
                try (CompiledProgram program = engine.compile(projected(c, weights))) {
                    String[] wrt = c.inputs().keySet().stream().filter(OpsContractTest::differentiable).toArray(String[]::new);
                    RunResult r = program.run(
                            RunRequest.of(c.inputs()).gradientOf("projection").inputGradients(wrt), none);
                    for (String name : wrt) {
                        HostArray numerical = GradientCheck.numerical(program, none, c.inputs(), "projection", name, 1e-6);
                        assertThat(GradientCheck.maxRelativeError(r.inputGradients().get(name), numerical))
                                .as("%s on %s: d/d%s", c.name(), e.getKey(), name)
                                .isLessThan(1e-6);
                    }
                }
            }
        }
    }
}
