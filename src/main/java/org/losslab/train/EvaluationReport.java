package org.losslab.train;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.losslab.analysis.ClassificationMetrics;

/**
 * The structured part of one evaluation, published next to its {@link MetricPoint}s: for each split evaluated in
 * full ({@code val}, and {@code test} at the end) the metrics of all its examples, with the reliability bins and the
 * confusion matrix that a curve cannot hold. Immutable.
 *
 * @param step the training step the model had reached
 * @param splits split name → its metrics, in evaluation order
 * @param topK the k of the {@code top{k} accuracy} points, or 0 when none were reported
 * @param passAtN the N of the {@code pass@N} points, or 0 when none were reported
 */
public record EvaluationReport(long step, Map<String, ClassificationMetrics> splits, int topK, int passAtN) {
    public static final String VALIDATION = "val";
    public static final String TEST = "test";

    public EvaluationReport {
        splits = Collections.unmodifiableMap(new LinkedHashMap<>(splits));
    }

    public Optional<ClassificationMetrics> split(String name) {
        return Optional.ofNullable(splits.get(name));
    }

    public Set<String> splitNames() {
        return splits.keySet();
    }
}
