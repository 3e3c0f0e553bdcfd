package org.losslab.engine.nd4j;

import static org.assertj.core.api.Assertions.assertThat;

import org.losslab.engine.GradientCheck;
import org.losslab.engine.HostArray;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;

/** The optimizer's buffer arithmetic, on both paths: Java loops (small arrays) and native ops (large arrays). */
class Nd4jBufferTest {

    private static Nd4jBuffer buffer(HostArray h, DataType dt) {
        Nd4jRuntime.init();
        return new Nd4jBuffer(NdArrays.create(h, dt));
    }

    @ParameterizedTest(name = "{0} elements, {1}")
    @CsvSource({"37, DOUBLE", "37, FLOAT", "70000, DOUBLE", "70000, FLOAT"})
    void updatesMatchPlainArithmetic(int n, DataType dt) {
        HostArray p = Nd4jTesting.random(1, -1, 1, n);
        HostArray x = Nd4jTesting.random(2, -1, 1, n);
        HostArray d = Nd4jTesting.random(3, 0.1, 2, n);
        Nd4jBuffer pb = buffer(p, dt);
        Nd4jBuffer xb = buffer(x, dt);
        Nd4jBuffer db = buffer(d, dt);

        pb.scale(0.9);
        pb.addScaled(xb, -0.3);
        pb.addScaledSquare(xb, 0.2);
        pb.addScaledRatio(xb, db, -0.01, 1.5, 1e-8);

        double[] expected = new double[n];
        for (int i = 0; i < n; i++) {
            double v = p.data()[i] * 0.9;
            v += -0.3 * x.data()[i];
            v += 0.2 * x.data()[i] * x.data()[i];
            v += -0.01 * x.data()[i] / (Math.sqrt(d.data()[i]) * 1.5 + 1e-8);
            expected[i] = v;
        }
        double tolerance = dt == DataType.DOUBLE ? 1e-14 : 1e-6;
        assertThat(GradientCheck.maxRelativeError(pb.toHost(), HostArray.wrap(expected, n))).isLessThan(tolerance);

        Nd4jBuffer z = (Nd4jBuffer) pb.zerosLike();
        assertThat(z.shape()).containsExactly(n);
        z.assign(xb);
        assertThat(GradientCheck.maxRelativeError(z.toHost(), xb.toHost())).isZero();
    }
}
