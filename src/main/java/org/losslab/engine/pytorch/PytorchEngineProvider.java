package org.losslab.engine.pytorch;

import org.losslab.engine.Engine;
import org.losslab.engine.EngineProvider;
import org.losslab.engine.Precision;

/**
 * Service entry for the {@code pytorch} engine (DJL over libtorch).
 *
 * <p>Loading this class configures DJL before any DJL class is touched: DJL reads these system properties once,
 * when its engine first starts, so setting them later would have no effect. Values already given on the command
 * line win.
 */
public final class PytorchEngineProvider implements EngineProvider {
    /** The id users pick. */
    public static final String ID = "pytorch";

    static {
        configureDjl();
    }

    /** Required by {@link java.util.ServiceLoader}. */
    public PytorchEngineProvider() {}

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "PyTorch (libtorch 2.5.1 through DJL 0.33): eager, with autograd; CPU, or a CUDA GPU with the gpu build";
    }

    @Override
    public Engine create(Precision precision) {
        return new PytorchEngine(precision);
    }

    /**
     * Sets DJL's start-up properties unless the user already set them. Offline mode makes DJL use the native
     * library from the Maven jar and fail at once instead of downloading anything; it and {@code OPT_OUT_TRACKING}
     * (DJL reads it as an environment variable or a system property) both switch off DJL's start-up telemetry.
     * Two intra-op threads and one inter-op thread suit the small tensors of this workbench; more threads cost
     * more in synchronisation than they gain.
     */
    static void configureDjl() {
        setIfAbsent("ai.djl.offline", "true");
        setIfAbsent("OPT_OUT_TRACKING", "true");
        setIfAbsent("ai.djl.pytorch.num_threads", "2");
        setIfAbsent("ai.djl.pytorch.num_interop_threads", "1");
        // DJL prints an INFO line about TorchScript's graph optimiser on start; it concerns loaded models only.
        setIfAbsent("ai.djl.pytorch.graph_optimizer", "false");
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
