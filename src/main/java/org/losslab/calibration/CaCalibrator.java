package org.losslab.calibration;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.losslab.data.Batch;
import org.losslab.engine.CompiledProgram;
import org.losslab.engine.Engine;
import org.losslab.engine.HostArray;
import org.losslab.engine.Optimizer;
import org.losslab.engine.OptimizerConfig;
import org.losslab.engine.ParameterStore;
import org.losslab.engine.Program;
import org.losslab.engine.RunRequest;
import org.losslab.engine.Tensor;
import org.losslab.loss.LossCatalog;
import org.losslab.loss.LossFunction;
import org.losslab.loss.LossInputs;
import org.losslab.param.ParamValues;

/**
 * Correctness-aware (CA) calibration (Liu et al., "Optimizing Calibration by Gaining Aware of Prediction
 * Correctness"): a {@link TemperatureNet} picks one temperature per example from how the frozen classifier reacts to
 * three views of the input, trained on the validation set with the {@code ca-calibration} loss.
 *
 * <p>Features φ_i: the softmax of each view's logits at the original prediction's top-k classes (k = 4, or all
 * classes when there are fewer), so F = 3k. The paper's views of images are rotation, greyscale and colour jitter;
 * here they are, for 2-D points, Gaussian jitter ({@code viewNoise}), rotation about the origin ({@code viewRotation})
 * and scaling away from the origin ({@code viewScale}), and for images additive pixel noise, rotation about the
 * centre and a contrast change, with the same three settings. A prediction whose probabilities hold up under the
 * views is more likely right; one that collapses is more likely wrong.
 *
 * <p>Optimizer: Adam on batches of {@code batchSize} (1000) validation examples, drawn by a seeded shuffle without a
 * short last batch (every step sees the same batch shape, so a graph engine traces once).
 */
public final class CaCalibrator implements Calibrator {

    @Override
    public String id() {
        return "ca";
    }

    @Override
    public String displayName() {
        return "CA calibration";
    }

    /** The three views, in the feature order: noise, rotation, scaling. */
    static List<InputTransform> views(CalibrationSettings settings) {
        ParamValues p = settings.params();
        return List.of(
                InputTransform.gaussianNoise(p.real("viewNoise"), settings.seed() * 31 + 11),
                InputTransform.rotation(p.real("viewRotation")),
                InputTransform.scaling(p.real("viewScale")));
    }

    /**
     * φ [N, views·k], row-major: for each view v and j < k, the view's softmax probability of the original
     * prediction's j-th most likely class.
     */
    static double[] features(CalibrationSet set, FrozenClassifier classifier, List<InputTransform> views, int topK) {
        int n = set.size();
        int classes = set.classes();
        int k = Math.min(topK, classes);
        int[][] top = topClasses(set.logits(), classes, k);
        int width = views.size() * k;
        double[] phi = new double[n * width];
        for (int v = 0; v < views.size(); v++) {
            Batch view = views.get(v).apply(set.inputs());
            double[] z = classifier.logits(view);
            for (int i = 0; i < n; i++) {
                double[] p = softmaxRow(z, i, classes);
                for (int j = 0; j < k; j++) {
                    phi[i * width + v * k + j] = p[top[i][j]];
                }
            }
        }
        return phi;
    }

    /** Each row's k largest logits' classes, largest first (lower class first on ties). */
    static int[][] topClasses(double[] logits, int classes, int k) {
        int n = logits.length / classes;
        int[][] top = new int[n][k];
        for (int i = 0; i < n; i++) {
            boolean[] taken = new boolean[classes];
            for (int j = 0; j < k; j++) {
                int best = -1;
                for (int c = 0; c < classes; c++) {
                    if (!taken[c] && (best < 0 || logits[i * classes + c] > logits[i * classes + best])) {
                        best = c;
                    }
                }
                taken[best] = true;
                top[i][j] = best;
            }
        }
        return top;
    }

    private static double[] softmaxRow(double[] z, int row, int classes) {
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < classes; c++) {
            max = Math.max(max, z[row * classes + c]);
        }
        double[] p = new double[classes];
        double sum = 0;
        for (int c = 0; c < classes; c++) {
            p[c] = Math.exp(z[row * classes + c] - max);
            sum += p[c];
        }
        for (int c = 0; c < classes; c++) {
            p[c] /= sum;
        }
        return p;
    }

    @Override
    public Fitted fit(CalibrationSet validation, FrozenClassifier classifier, Engine engine,
            CalibrationSettings settings) {
        ParamValues p = settings.params();
        int topK = p.integer("topK");
        List<InputTransform> views = views(settings);
        int n = validation.size();
        int classes = validation.classes();
        int width = views.size() * Math.min(topK, classes);
        double[] phi = features(validation, classifier, views, topK);
        TemperatureNet net = new TemperatureNet(width, p.integer("hidden"));
        LossFunction loss = LossCatalog.get().byId("ca-calibration");
        ParamValues lossParams = ParamValues.defaults("loss 'ca-calibration'", loss.spec().params());
        int batch = Math.min(p.integer("batchSize"), n);
        double[] curve = new double[Math.toIntExact(settings.caSteps())];
        Map<String, HostArray> trained;
        try (ParameterStore store = engine.createParameters(net.initialParameters(new Random(settings.seed() * 31 + 5)));
                CompiledProgram program = engine.compile(trainingProgram(net, loss, lossParams))) {
            Optimizer adam = Optimizer.create(OptimizerConfig.adam(settings.caLearningRate()));
            Random shuffle = new Random(settings.seed() * 31 + 7);
            int[] order = permutation(n, shuffle);
            int cursor = 0;
            int[] idx = new int[batch];
            for (int step = 0; step < curve.length; step++) {
                for (int i = 0; i < batch; i++) {
                    if (cursor == n) {
                        order = permutation(n, shuffle);
                        cursor = 0;
                    }
                    idx[i] = order[cursor++];
                }
                Map<String, HostArray> inputs = batchInputs(validation, phi, width, idx);
                inputs.putAll(loss.prepare(inputs, lossParams));
                curve[step] = program.trainStep(inputs, store, "loss", adam, Set.of("loss")).get("loss").item();
            }
            trained = store.toHost();
        }
        return new FittedCa(net, trained, views, topK, curve);
    }

    /**
     * φ → T → the ca-calibration loss of the batch: inputs {@code phi} [N,F], {@code logits} [N,C], {@code labels}
     * [N] and the loss's prepared helpers; outputs {@code loss} (scalar) and {@code temperature} [N].
     */
    static Program trainingProgram(TemperatureNet net, LossFunction loss, ParamValues lossParams) {
        return (ops, inputs, params) -> {
            Map<String, Tensor> lossInputs = new HashMap<>(inputs);
            Tensor t = net.temperature(ops, lossInputs.remove("phi"), params);
            lossInputs.put("temperature", t);
            Tensor perExample = loss.perExample(ops, new LossInputs(lossInputs), lossParams);
            Map<String, Tensor> out = new LinkedHashMap<>();
            out.put("loss", loss.reduction().apply(ops, perExample));
            out.put("temperature", t);
            return out;
        };
    }

    private static Map<String, HostArray> batchInputs(CalibrationSet set, double[] phi, int width, int[] idx) {
        int classes = set.classes();
        double[] features = new double[idx.length * width];
        double[] logits = new double[idx.length * classes];
        double[] labels = new double[idx.length];
        for (int i = 0; i < idx.length; i++) {
            System.arraycopy(phi, idx[i] * width, features, i * width, width);
            System.arraycopy(set.logits(), idx[i] * classes, logits, i * classes, classes);
            labels[i] = set.labels()[idx[i]];
        }
        Map<String, HostArray> in = new LinkedHashMap<>();
        in.put("phi", HostArray.wrap(features, idx.length, width));
        in.put("logits", HostArray.wrap(logits, idx.length, classes));
        in.put("labels", HostArray.wrap(labels, idx.length));
        return in;
    }

    private static int[] permutation(int n, Random rng) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    /** The trained network, kept on the host; applying it builds a short-lived store on the classifier's engine. */
    private static final class FittedCa implements Fitted {
        private final TemperatureNet net;
        private final Map<String, HostArray> parameters;
        private final List<InputTransform> views;
        private final int topK;
        private final double[] curve;

        FittedCa(TemperatureNet net, Map<String, HostArray> parameters, List<InputTransform> views, int topK,
                double[] curve) {
            this.net = net;
            this.parameters = parameters;
            this.views = views;
            this.topK = topK;
            this.curve = curve;
        }

        @Override
        public Calibrated apply(CalibrationSet set, FrozenClassifier classifier) {
            double[] phi = features(set, classifier, views, topK);
            double[] temperatures = temperatures(classifier.engine(), net, parameters,
                    HostArray.wrap(phi, set.size(), net.features()));
            return Calibrated.divide(set.logits(), set.classes(), temperatures);
        }

        @Override
        public String summary() {
            return String.format(Locale.ROOT, "%d Adam steps, loss %.4f → %.4f", curve.length, curve[0],
                    curve[curve.length - 1]);
        }

        @Override
        public double[] lossCurve() {
            return curve.clone();
        }
    }

    /** T_i of the network with {@code parameters} for features φ [N,F]. */
    static double[] temperatures(Engine engine, TemperatureNet net, Map<String, HostArray> parameters, HostArray phi) {
        try (ParameterStore store = engine.createParameters(parameters);
                CompiledProgram program = engine.compile(
                        (ops, in, params) -> Map.of("temperature", net.temperature(ops, in.get("phi"), params)))) {
            return program.run(RunRequest.of(Map.of("phi", phi)).fetch("temperature"), store).output("temperature")
                    .data();
        }
    }
}
