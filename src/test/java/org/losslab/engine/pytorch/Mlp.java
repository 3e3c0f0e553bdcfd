package org.losslab.engine.pytorch;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.losslab.engine.HostArray;
import org.losslab.engine.Program;
import org.losslab.engine.Tensor;

/** A small classifier for the engine tests: 2-32-32-3 MLP with ReLU and mean cross-entropy on one-hot labels. */
final class Mlp {
    static final int[] WIDTHS = {2, 32, 32, 3};

    private Mlp() {}

    /** Outputs {@code loss} (scalar) and {@code logits} [batch, 3]. */
    static final Program PROGRAM = (o, in, p) -> {
        Tensor h = o.relu(o.add(o.matmul(in.get("x"), p.get("w1")), p.get("b1")));
        h = o.relu(o.add(o.matmul(h, p.get("w2")), p.get("b2")));
        Tensor logits = o.add(o.matmul(h, p.get("w3")), p.get("b3"));
        Tensor loss = o.neg(o.mean(o.rowDot(o.logSoftmax(logits, -1), in.get("y")), false));
        return Map.of("loss", loss, "logits", logits);
    };

    /** He-style initial weights; biases small and non-zero so no ReLU sits exactly at its kink. */
    static Map<String, HostArray> parameters(long seed) {
        Random r = new Random(seed);
        Map<String, HostArray> p = new LinkedHashMap<>();
        for (int l = 1; l < WIDTHS.length; l++) {
            int in = WIDTHS[l - 1];
            int out = WIDTHS[l];
            p.put("w" + l, gaussian(r, Math.sqrt(2.0 / in), in, out));
            p.put("b" + l, gaussian(r, 0.05, out));
        }
        return p;
    }

    /** Three Gaussian blobs: {@code x} [batch, 2] and one-hot {@code y} [batch, 3]. */
    static Map<String, HostArray> batch(long seed, int batch) {
        Random r = new Random(seed);
        double[] x = new double[batch * 2];
        double[] y = new double[batch * 3];
        for (int i = 0; i < batch; i++) {
            int c = r.nextInt(3);
            double angle = 2 * Math.PI * c / 3;
            x[2 * i] = 2 * Math.cos(angle) + r.nextGaussian() * 0.7;
            x[2 * i + 1] = 2 * Math.sin(angle) + r.nextGaussian() * 0.7;
            y[3 * i + c] = 1;
        }
        Map<String, HostArray> m = new LinkedHashMap<>();
        m.put("x", HostArray.wrap(x, batch, 2));
        m.put("y", HostArray.wrap(y, batch, 3));
        return m;
    }

    static HostArray gaussian(Random r, double scale, int... shape) {
        HostArray zeros = HostArray.zeros(shape);
        double[] d = new double[zeros.size()];
        for (int i = 0; i < d.length; i++) {
            d[i] = scale * r.nextGaussian();
        }
        return HostArray.wrap(d, shape);
    }
}
