package org.losslab.engine.nd4j;

import java.util.Map;
import org.losslab.engine.CompiledProgram;
import org.losslab.engine.DeviceInfo;
import org.losslab.engine.Engine;
import org.losslab.engine.HostArray;
import org.losslab.engine.ParameterStore;
import org.losslab.engine.Precision;
import org.losslab.engine.Program;
import org.nd4j.linalg.factory.Nd4j;

/** The {@code nd4j} engine: ND4J 1.0.0-M2.1 SameDiff on the CPU backend. */
final class Nd4jEngine implements Engine {
    static final String ID = "nd4j";

    private final Precision precision;
    private boolean closed;

    Nd4jEngine(Precision precision) {
        if (precision == null) {
            throw new IllegalArgumentException("precision is required (FLOAT32 or FLOAT64)");
        }
        Nd4jRuntime.init();
        this.precision = precision;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Precision precision() {
        return precision;
    }

    @Override
    public DeviceInfo device() {
        Object threads = Nd4j.getExecutioner().getEnvironmentInformation().get("omp.threads");
        return new DeviceInfo(ID, "cpu", false,
                "ND4J CPU backend (OpenBLAS" + (threads == null ? "" : ", " + threads + " threads")
                        + "). CPU only: the project ships ND4J's CPU backend; use the pytorch engine for a GPU.");
    }

    @Override
    public ParameterStore createParameters(Map<String, HostArray> initial) {
        check();
        return new Nd4jParameterStore(initial, NdArrays.dataType(precision));
    }

    @Override
    public CompiledProgram compile(Program program) {
        check();
        if (program == null) {
            throw new IllegalArgumentException("program is required");
        }
        return new Nd4jCompiledProgram(program, precision);
    }

    private void check() {
        if (closed) {
            throw new IllegalStateException("engine is closed");
        }
    }

    @Override
    public void close() {
        // Arrays are freed by ND4J's reference tracking once the graphs and stores are unreachable.
        closed = true;
    }
}
