package org.losslab.train;

/**
 * One value of one metric at one step: a row of {@code metrics.csv} ({@code step,split,metric,value}).
 *
 * @param split {@code train}, {@code val} or {@code test}
 * @param metric {@code loss}, {@code accuracy}, …
 */
public record MetricPoint(long step, String split, String metric, double value) {
    /** {@code split/metric}, e.g. {@code val/accuracy}. */
    public String key() {
        return split + "/" + metric;
    }
}
