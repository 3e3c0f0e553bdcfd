package org.losslab.calibration;

import java.util.List;
import org.losslab.param.ParamSpec;
import org.losslab.param.ParamValues;
import org.losslab.param.Range;

/**
 * How to calibrate, already validated.
 *
 * @param methods calibrator ids in the order they are reported (see {@link Calibrators#ids()})
 * @param caSteps Adam steps of the CA calibrator, ≥ 1
 * @param caLearningRate Adam learning rate of the CA calibrator, positive
 * @param params the method settings of {@link #PARAMS}
 * @param bins reliability-diagram bins of the ECE, ≥ 1
 * @param seed seeds the views' and the shift's noise, the calibrator's initialisation and its batch order
 */
public record CalibrationSettings(
        List<String> methods, long caSteps, double caLearningRate, ParamValues params, int bins, long seed) {

    /** LOSSES.md's CA optimizer: Adam at 1e-4, batches of 1000, 10 epochs. */
    public static final double DEFAULT_CA_LEARNING_RATE = 1e-4;
    public static final int DEFAULT_CA_EPOCHS = 10;

    /** The {@code calibration.params} an experiment may set, with defaults and ranges. */
    public static final List<ParamSpec> PARAMS = List.of(
            ParamSpec.integer("batchSize", 1000, Range.closed(1, 100_000),
                    "validation examples per step of the CA calibrator"),
            ParamSpec.integer("hidden", 5, Range.closed(1, 1024),
                    "hidden units of the CA calibrator's network (5 in the authors' code)"),
            ParamSpec.integer("topK", 4, Range.closed(1, 100),
                    "classes per view in the CA features: the original prediction's top k (all when fewer)"),
            ParamSpec.real("viewNoise", 0.1, Range.closed(0, 10),
                    "CA view 1: standard deviation of Gaussian noise added to the inputs (point jitter, pixel noise)"),
            ParamSpec.real("viewRotation", 15, Range.closed(-180, 180),
                    "CA view 2: rotation in degrees (points about the origin, images about their centre)"),
            ParamSpec.real("viewScale", 1.3, Range.closed(0.1, 10),
                    "CA view 3: scale factor (points away from the origin, image contrast about the mean)"),
            ParamSpec.real("shiftNoise", 0.3, Range.closed(0, 10),
                    "shifted test set: standard deviation of Gaussian noise added to the test inputs"),
            ParamSpec.real("shiftRotation", 0, Range.closed(-180, 180),
                    "shifted test set: rotation of the test inputs in degrees, applied before the noise"));

    public CalibrationSettings {
        methods = List.copyOf(methods);
        if (methods.isEmpty()) {
            throw new IllegalArgumentException("at least one calibration method is needed; known: " + Calibrators.ids());
        }
        if (caSteps < 1) {
            throw new IllegalArgumentException("CA calibrator steps must be at least 1, got " + caSteps);
        }
        if (!(caLearningRate > 0) || !Double.isFinite(caLearningRate)) {
            throw new IllegalArgumentException("CA learning rate must be a positive number, got " + caLearningRate);
        }
        if (bins < 1) {
            throw new IllegalArgumentException("calibration bins must be at least 1, got " + bins);
        }
    }

    /** Ten epochs of CA batches over {@code validationSize} examples, as LOSSES.md trains the calibrator. */
    public static long defaultCaSteps(int validationSize, int batchSize) {
        int perEpoch = (validationSize + batchSize - 1) / Math.max(1, batchSize);
        return (long) DEFAULT_CA_EPOCHS * Math.max(1, perEpoch);
    }

    /** The shift applied to the test inputs for the "shifted" condition: rotation, then noise. */
    public InputTransform shift() {
        return InputTransform.rotation(params.real("shiftRotation"))
                .then(InputTransform.gaussianNoise(params.real("shiftNoise"), seed * 31 + 17));
    }

    /** A sentence for reports, e.g. "Gaussian noise σ = 0.3". */
    public String shiftDescription() {
        double noise = params.real("shiftNoise");
        double rotation = params.real("shiftRotation");
        String noiseText = noise == 0 ? "" : "Gaussian noise σ = " + noise;
        String rotationText = rotation == 0 ? "" : "rotation by " + rotation + "°";
        if (noiseText.isEmpty() && rotationText.isEmpty()) {
            return "none";
        }
        return rotationText.isEmpty() ? noiseText : noiseText.isEmpty() ? rotationText : rotationText + ", then "
                + noiseText;
    }
}
