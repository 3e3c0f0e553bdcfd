package org.losslab.engine.nd4j;

import java.io.OutputStream;
import java.io.PrintStream;
import java.util.Map;
import org.nd4j.autodiff.functions.DifferentialFunction;
import org.nd4j.imports.converters.ImportClassMapping;
import org.nd4j.linalg.api.ops.CustomOpDescriptor;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Process-wide set-up of ND4J, done once before the first engine touches it: quiet logging, the custom ops this
 * package adds, and a guard that keeps SameDiff's gradient-building chatter off {@code System.out}.
 */
final class Nd4jRuntime {
    /** SameDiff prints this once per op while it builds a gradient function (M2.1, {@code System.out}). */
    static final String GRADIENT_CHATTER = "Added differentiated op";

    private static final String[][] QUIET_LOGGERS = {
        // Warns about duplicate TensorFlow import mappings on first use: irrelevant to traced graphs.
        {"org.nd4j.imports.converters.ImportClassMapping", "error"},
        {"org.nd4j.autodiff.functions.DifferentialFunction", "error"},
        // Start-up banners (backend, BLAS vendor, thread counts): useful once, noise in a desktop app's console.
        {"org.nd4j.linalg.factory.Nd4jBackend", "warn"},
        {"org.nd4j.nativeblas", "warn"},
        {"org.nd4j.linalg.cpu.nativecpu", "warn"},
        {"org.nd4j.linalg.api.ops.executioner", "warn"},
        {"org.nd4j.autodiff.samediff", "warn"},
    };

    private static volatile boolean initialised;

    private Nd4jRuntime() {}

    /** Idempotent; cheap after the first call. */
    static void init() {
        if (initialised) {
            return;
        }
        synchronized (Nd4jRuntime.class) {
            if (initialised) {
                return;
            }
            // slf4j-simple reads a logger's level when the logger is created, i.e. when the ND4J class that owns it
            // is initialised; these must therefore be set before any ND4J class loads. A value already given on the
            // command line wins.
            for (String[] logger : QUIET_LOGGERS) {
                String key = "org.slf4j.simpleLogger.log." + logger[0];
                if (System.getProperty(key) == null) {
                    System.setProperty(key, logger[1]);
                }
            }
            Nd4j.getExecutioner(); // loads the native backend
            limitThreads();
            registerCustomOps();
            initialised = true;
        }
    }

    /** System property: how many threads ND4J may split one op across (default 1). */
    static final String THREADS_PROPERTY = "losslab.nd4j.threads";

    /**
     * One thread per op unless {@value #THREADS_PROPERTY} says otherwise. ND4J splits element-wise ops of more than
     * 1024 elements across its threads; on a 2-core machine whose cores are also busy (the JavaFX thread, probes,
     * another run) the calling thread spins while it waits for a worker that is not scheduled, and a 256×32 add
     * takes milliseconds instead of microseconds. Measured with the reference MLP under load: 68–94 ms per step
     * with 2 threads, 19–24 ms with 1. OpenBLAS (matrix products) keeps its own threads.
     */
    private static void limitThreads() {
        int threads = Integer.getInteger(THREADS_PROPERTY, 1);
        if (threads >= 1) {
            Nd4j.getEnvironment().setMaxMasterThreads(threads);
            Nd4j.getEnvironment().setMaxThreads(threads);
        }
    }

    /**
     * SameDiff copies every op of a graph (through its flat-buffer form) when it builds the gradient function and
     * looks the copy's class up by op name. Our ops carry names the native library does not know, so the lookup
     * falls through to this name map; without the entries SameDiff would fail, and with a native name it would
     * silently substitute the stock op (and its broken gradient).
     */
    private static void registerCustomOps() {
        Map<String, DifferentialFunction> byName = ImportClassMapping.getOpNameMapping();
        byName.put(GatherOp.OP_NAME, new GatherOp());
        byName.put(CtcLossOp.OP_NAME, new CtcLossOp());
        byName.put(CtcLossGradOp.OP_NAME, new CtcLossGradOp());
    }

    /** The native library's descriptor of a built-in op, for custom ops that run it under another name. */
    static CustomOpDescriptor nativeOp(String name) {
        CustomOpDescriptor d = Nd4j.getExecutioner().getCustomOperations().get(name);
        if (d == null) {
            throw new IllegalStateException("native op '" + name + "' is missing from this ND4J build");
        }
        return d;
    }

    // ---- stdout guard ---------------------------------------------------------------------------------------

    private static final ThreadLocal<int[]> SILENCED = ThreadLocal.withInitial(() -> new int[1]);
    private static PrintStream original;
    private static int installed;

    /**
     * Runs {@code work} with SameDiff's per-op gradient chatter dropped from {@code System.out}. Only lines that
     * start with the chatter and are printed by this thread are dropped: output of other threads passes through.
     */
    static void withQuietStdout(Runnable work) {
        install();
        SILENCED.get()[0]++;
        try {
            work.run();
        } finally {
            SILENCED.get()[0]--;
            uninstall();
        }
    }

    private static synchronized void install() {
        if (installed++ == 0) {
            original = System.out;
            System.setOut(new ChatterFilter(original));
        }
    }

    private static synchronized void uninstall() {
        if (--installed == 0) {
            // Someone else may have replaced System.out meanwhile; only undo our own replacement.
            if (System.out instanceof ChatterFilter) {
                System.setOut(original);
            }
            original = null;
        }
    }

    private static final class ChatterFilter extends PrintStream {
        private final PrintStream target;

        ChatterFilter(PrintStream target) {
            super((OutputStream) target, true);
            this.target = target;
        }

        private static boolean drop(String s) {
            return SILENCED.get()[0] > 0 && s != null && s.startsWith(GRADIENT_CHATTER);
        }

        @Override
        public void println(String s) {
            if (!drop(s)) {
                target.println(s);
            }
        }

        @Override
        public void println(Object o) {
            if (!(o instanceof String s && drop(s))) {
                target.println(o);
            }
        }

        @Override
        public void print(String s) {
            if (!drop(s)) {
                target.print(s);
            }
        }
    }
}
