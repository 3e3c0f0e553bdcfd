package org.losslab.calibration;

import java.util.List;

/** The calibration methods an experiment can name in {@code calibration.methods}. */
public final class Calibrators {
    private static final List<Calibrator> ALL = List.of(new TemperatureScaling(), new CaCalibrator());

    private Calibrators() {}

    public static List<Calibrator> all() {
        return ALL;
    }

    public static List<String> ids() {
        return ALL.stream().map(Calibrator::id).toList();
    }

    /** @throws IllegalArgumentException naming the unknown id and the known ones */
    public static Calibrator byId(String id) {
        return ALL.stream().filter(c -> c.id().equals(id)).findFirst().orElseThrow(
                () -> new IllegalArgumentException("unknown calibration method '" + id + "'; known: " + ids()));
    }
}
