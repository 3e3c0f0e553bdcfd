package org.losslab.app;

/** Process-wide settings applied before any engine loads: offline native libraries, thread counts, quiet logs. */
final class Runtime {
    private Runtime() {}

    static void quiet() {
        setIfAbsent("ai.djl.offline", "true");
        setIfAbsent("ai.djl.pytorch.num_threads", "2");
        setIfAbsent("ai.djl.pytorch.num_interop_threads", "1");
        setIfAbsent("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        setIfAbsent("org.slf4j.simpleLogger.logFile", "System.err");
        // DJL probes for CUDA at start and warns on machines with a CUDA toolkit but no usable GPU; the engine's
        // device description already says which device is used and why.
        setIfAbsent("org.slf4j.simpleLogger.log.ai.djl.util.cuda.CudaUtils", "error");
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
