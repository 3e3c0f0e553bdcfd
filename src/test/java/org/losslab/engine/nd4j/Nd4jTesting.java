package org.losslab.engine.nd4j;

import java.util.Map;
import java.util.Random;
import org.losslab.engine.CompiledProgram;
import org.losslab.engine.Engine;
import org.losslab.engine.HostArray;
import org.losslab.engine.ParameterStore;
import org.losslab.engine.Precision;
import org.losslab.engine.Program;
import org.losslab.engine.RunRequest;
import org.losslab.engine.RunResult;

/** Small helpers shared by this package's tests. */
final class Nd4jTesting {
    private Nd4jTesting() {}

    static Engine engine(Precision precision) {
        return new Nd4jEngineProvider().create(precision);
    }

    static HostArray random(long seed, double lo, double hi, int... shape) {
        Random r = new Random(seed);
        double[] d = new double[HostArray.zeros(shape).size()];
        for (int i = 0; i < d.length; i++) {
            d[i] = lo + (hi - lo) * r.nextDouble();
        }
        return HostArray.wrap(d, shape);
    }

    /** Value of {@code output} and its gradient with respect to the named inputs, on a FLOAT64 engine. */
    static RunResult valueAndGradient(Engine engine, Program program, Map<String, HostArray> inputs, String output,
            String... wrt) {
        try (CompiledProgram p = engine.compile(program); ParameterStore none = engine.createParameters(Map.of())) {
            return p.run(RunRequest.of(inputs).gradientOf(output).inputGradients(wrt), none);
        }
    }
}
