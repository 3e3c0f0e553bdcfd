package org.losslab.ui;

import java.util.Locale;
import org.losslab.train.Progress;

/** The progress line of the toolbar, e.g. {@code step 1,234 / 2,000 · 1,234 steps/s · ETA 0:12}. */
public final class ProgressText {
    private ProgressText() {}

    public static String format(Progress p) {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "step %,d / %,d", p.step(), p.totalSteps()));
        boolean moving = p.status() == org.losslab.train.RunStatus.RUNNING && p.stepsPerSecond() > 0;
        if (moving) {
            sb.append(" · ").append(rate(p.stepsPerSecond())).append(" steps/s");
            double eta = p.etaSeconds();
            if (Double.isFinite(eta)) {
                sb.append(" · ETA ").append(duration(eta));
            }
        }
        return sb.toString();
    }

    /** Thousands separated, fractions only below 10 (a paused or slow CNN run). */
    static String rate(double stepsPerSecond) {
        return stepsPerSecond < 10
                ? String.format(Locale.ROOT, "%.1f", stepsPerSecond)
                : String.format(Locale.ROOT, "%,d", Math.round(stepsPerSecond));
    }

    /** {@code m:ss}, or {@code h:mm:ss} from an hour on. */
    static String duration(double seconds) {
        long s = Math.max(0, Math.round(seconds));
        long h = s / 3600;
        long m = s / 60 % 60;
        long sec = s % 60;
        return h > 0 ? String.format(Locale.ROOT, "%d:%02d:%02d", h, m, sec)
                : String.format(Locale.ROOT, "%d:%02d", m, sec);
    }
}
