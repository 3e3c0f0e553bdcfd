package org.losslab.ui;

import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.testfx.util.WaitForAsyncUtils;

/** Reading the real window from a test thread, and waiting for it, as the window UI tests do. */
final class WindowUiTesting {
    private WindowUiTesting() {}

    /** {@code read} on the FX thread, its value back here. */
    static <T> T fx(Callable<T> read) throws Exception {
        return WaitForAsyncUtils.asyncFx(read).get(10, TimeUnit.SECONDS);
    }

    /** Waits until {@code condition} (read on the FX thread) holds; a timeout names what and the status bar. */
    static void waitUntil(MainWindow window, long timeoutSeconds, String what, Callable<Boolean> condition)
            throws Exception {
        try {
            WaitForAsyncUtils.waitFor(timeoutSeconds, TimeUnit.SECONDS, () -> fx(condition));
        } catch (TimeoutException e) {
            throw new AssertionError("timed out waiting until " + what + "; status: "
                    + fx(() -> window.statusBar().text()), e);
        }
    }
}
