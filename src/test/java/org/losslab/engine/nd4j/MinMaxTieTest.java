package org.losslab.engine.nd4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.losslab.engine.Engine;
import org.losslab.engine.GradientCheck;
import org.losslab.engine.HostArray;
import org.losslab.engine.Precision;
import org.losslab.engine.RunResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * On ties, minimum and maximum give the gradient to one operand only. M2.1's pairwise {@code min}/{@code max} give
 * the full gradient to both (doubling it), which soft skeletons, built from chains of min/max over equal
 * neighbours, hit constantly.
 */
class MinMaxTieTest {
    private static Engine engine;

    @BeforeAll
    static void start() {
        engine = Nd4jTesting.engine(Precision.FLOAT64);
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    private static final HostArray A = HostArray.vector(1.0, 2.0, -3.0, 0.5);
    private static final HostArray B = HostArray.vector(1.0, 1.0, -3.0, 0.75); // ties at 0 and 2

    private RunResult gradient(boolean max) {
        return Nd4jTesting.valueAndGradient(engine, (ops, in, p) -> {
            var m = max ? ops.maximum(in.get("a"), in.get("b")) : ops.minimum(in.get("a"), in.get("b"));
            return Map.of("m", m, "loss", ops.sum(m, false));
        }, GradientCheck.inputs("a", A, "b", B), "loss", "a", "b");
    }

    /** Turns -0.0 into 0.0: a zero gradient may carry either sign. */
    private static HostArray plusZero(HostArray h) {
        double[] d = h.data().clone();
        for (int i = 0; i < d.length; i++) {
            d[i] += 0.0;
        }
        return HostArray.wrap(d, h.shape());
    }

    @Test
    void minimumGivesATiedGradientToOneSide() {
        RunResult r = gradient(false);
        HostArray ga = plusZero(r.inputGradients().get("a"));
        HostArray gb = plusZero(r.inputGradients().get("b"));
        for (int i = 0; i < 4; i++) {
            assertThat(ga.data()[i] + gb.data()[i]).as("total gradient at %d", i).isEqualTo(1.0);
        }
        assertThat(ga.data()).containsExactly(1, 0, 1, 1); // a - relu(a - b): ties go to a
        assertThat(gb.data()).containsExactly(0, 1, 0, 0);
        assertThat(r.output("loss").item()).isEqualTo(1.0 + 1.0 - 3.0 + 0.5);
    }

    @Test
    void maximumGivesATiedGradientToOneSide() {
        RunResult r = gradient(true);
        HostArray ga = plusZero(r.inputGradients().get("a"));
        HostArray gb = plusZero(r.inputGradients().get("b"));
        for (int i = 0; i < 4; i++) {
            assertThat(ga.data()[i] + gb.data()[i]).as("total gradient at %d", i).isEqualTo(1.0);
        }
        assertThat(ga.data()).containsExactly(0, 1, 0, 0); // b + relu(a - b): ties go to b
        assertThat(gb.data()).containsExactly(1, 0, 1, 1);
        assertThat(r.output("loss").item()).isEqualTo(1.0 + 2.0 - 3.0 + 0.75);
    }

    @Test
    void clampAtItsBoundsPassesNoGradient() {
        RunResult r = Nd4jTesting.valueAndGradient(engine,
                (ops, in, p) -> Map.of("loss", ops.sum(ops.clamp(in.get("a"), -1.0, 1.0), false)),
                GradientCheck.inputs("a", HostArray.vector(-1.0, 0.0, 1.0, 2.0)), "loss", "a");
        double[] g = r.inputGradients().get("a").data();
        assertThat(Math.abs(g[0]) + Math.abs(g[2]) + Math.abs(g[3])).isZero(); // signed zeros are fine
        assertThat(g[1]).isEqualTo(1.0);
    }
}
