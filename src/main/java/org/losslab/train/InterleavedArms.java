package org.losslab.train;

import java.util.ArrayList;
import java.util.List;
import org.losslab.data.Dataset;
import org.losslab.data.Task;
import org.losslab.engine.Precision;

/**
 * k independent {@link TrainingRun}s stepped round-robin on the calling thread: the strategy for arms that cannot
 * share one stacked graph (a CNN, different networks, losses that read the predictions in {@code prepare}). Each
 * run keeps its compiled programs and arrays for the whole comparison, so a round allocates nothing new; each arm
 * is exactly the run it would be alone.
 */
final class InterleavedArms implements ArmGroup {
    private final List<TrainingRun> runs = new ArrayList<>();

    InterleavedArms(List<TrainingSetup> setups, Precision precision) {
        try {
            for (TrainingSetup s : setups) {
                runs.add(new TrainingRun(s, precision));
            }
        } catch (RuntimeException | LinkageError e) {
            close();
            throw e;
        }
    }

    @Override
    public String strategy() {
        return ComparisonRun.INTERLEAVED;
    }

    @Override
    public int size() {
        return runs.size();
    }

    @Override
    public long step(int arm) {
        return runs.get(arm).step();
    }

    @Override
    public double lastLoss(int arm) {
        return runs.get(arm).lastLoss();
    }

    @Override
    public String[] trainStep(boolean[] which) {
        String[] refused = new String[runs.size()];
        for (int i = 0; i < runs.size(); i++) {
            if (which[i] && !runs.get(i).trainStep()) {
                refused[i] = runs.get(i).divergence();
            }
        }
        return refused;
    }

    @Override
    public boolean restoresTogether() {
        return false;
    }

    @Override
    public List<List<MetricPoint>> evaluate(boolean[] which, boolean includeTest, MetricSettings metrics) {
        List<List<MetricPoint>> all = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) {
            if (!which[i]) {
                all.add(List.of());
                continue;
            }
            TrainingRun run = runs.get(i);
            List<MetricPoint> points = new ArrayList<>(run.evaluate(includeTest));
            TrainingSetup s = run.setup();
            appendMissing(points, run, "val", s.data().validation(), metrics);
            if (includeTest) {
                appendMissing(points, run, "test", s.data().test().orElse(null), metrics);
            }
            all.add(points);
        }
        return all;
    }

    /**
     * Top-k, ECE and pass@N of a classification split, unless the run's own evaluation already reports them (it does
     * when its setup asks for the same metrics).
     */
    private static void appendMissing(List<MetricPoint> points, TrainingRun run, String split, Dataset data,
            MetricSettings metrics) {
        if (data == null || data.size() == 0 || data.task() != Task.CLASSIFICATION
                || SplitMetrics.has(points, split, SplitMetrics.ECE)) {
            return;
        }
        SplitMetrics.append(points, run.step(), split, run.logits(data), data.numClasses(), data.labels(), metrics);
    }

    @Override
    public List<ParameterSnapshot> snapshots(boolean[] which) {
        List<ParameterSnapshot> out = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) {
            out.add(which[i] ? runs.get(i).snapshot() : null);
        }
        return out;
    }

    @Override
    public void setLearningRate(double lr) {
        runs.forEach(r -> r.setLearningRate(lr));
    }

    @Override
    public String engineDescription() {
        return runs.isEmpty() ? "" : runs.get(0).engineDescription();
    }

    @Override
    public void close() {
        runs.forEach(TrainingRun::close);
    }
}
