package org.losslab.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.losslab.analysis.LossShapeProbe.Axis;
import org.losslab.analysis.LossShapeProbe.Candidate;
import org.losslab.analysis.LossShapeProbe.Plot;
import org.losslab.analysis.LossShapeProbe.Request;
import org.losslab.loss.LossCatalog;
import org.losslab.param.InvalidParameterException;
import org.losslab.param.ParamSpec;
import org.losslab.param.Range;
import org.losslab.ui.LossShapeSelection.Key;
import org.losslab.viz.ClassPalette;

/** The explorer's state without a stage: colours, hyperparameters, requests and lessons. */
class LossShapeSelectionTest {
    private static final Key CE = new Key("cross-entropy", Plot.CLASSIFICATION);
    private static final Key FOCAL = new Key("focal", Plot.CLASSIFICATION);
    private static final Key HINGE = new Key("hinge", Plot.CLASSIFICATION);
    private static final Key MSE_REGRESSION = new Key("mse", Plot.REGRESSION);

    private static LossShapeSelection selection(String... classificationIds) {
        LossShapeSelection s = new LossShapeSelection();
        List<Candidate> candidates = new java.util.ArrayList<>();
        for (String id : classificationIds) {
            List<Plot> plots = id.equals("mse") ? List.of(Plot.CLASSIFICATION, Plot.REGRESSION)
                    : List.of(Plot.CLASSIFICATION);
            candidates.add(new Candidate(LossCatalog.get().byId(id), plots, ""));
        }
        s.setCandidates(candidates);
        return s;
    }

    @Test
    void eachSelectedCurveKeepsItsOwnColourAndAFreedColourIsReused() {
        LossShapeSelection s = selection("cross-entropy", "focal", "hinge", "mse");
        assertThat(s.entries()).containsExactly(CE, FOCAL, HINGE, new Key("mse", Plot.CLASSIFICATION),
                MSE_REGRESSION);
        s.select(CE, true);
        s.select(FOCAL, true);
        s.select(MSE_REGRESSION, true);
        assertThat(s.colour(CE)).isEqualTo(ClassPalette.colour(0));
        assertThat(s.colour(FOCAL)).isEqualTo(ClassPalette.colour(1));
        assertThat(s.colour(MSE_REGRESSION)).isEqualTo(ClassPalette.colour(2));
        s.select(FOCAL, false);
        s.select(HINGE, true);
        assertThat(s.colour(HINGE)).as("the freed colour").isEqualTo(ClassPalette.colour(1));
        assertThat(s.colour(CE)).as("unchanged").isEqualTo(ClassPalette.colour(0));
        assertThat(s.selected()).containsExactly(CE, MSE_REGRESSION, HINGE);
        assertThat(s.hasPlot(Plot.REGRESSION)).isTrue();
        assertThat(s.needsTeacher()).isFalse();
    }

    @Test
    void hyperparametersAreValidatedAndReachTheRequests() {
        LossShapeSelection s = selection("cross-entropy", "focal");
        s.select(FOCAL, true);
        assertThat(s.param(FOCAL, "gamma")).isEqualTo(2.0);
        long v = s.version();
        s.setParam(FOCAL, "gamma", 0.5);
        assertThat(s.version()).isGreaterThan(v);
        long v2 = s.version();
        s.setParam(FOCAL, "gamma", "0.5");
        assertThat(s.version()).as("the same value again is no change").isEqualTo(v2);
        assertThatThrownBy(() -> s.setParam(FOCAL, "gamma", -1)).isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("'gamma'").hasMessageContaining("[0, ∞)");
        assertThatThrownBy(() -> s.setParam(FOCAL, "delta", 1)).hasMessageContaining("no parameter 'delta'");
        assertThatThrownBy(() -> s.setParam(CE, "gamma", 1)).hasMessageContaining("not selected");
        assertThat(s.requests()).containsExactly(new Request("focal", Plot.CLASSIFICATION, Map.of("gamma", 0.5)));
    }

    @Test
    void aLessonIsOfferedOnlyWhenAllItsLossesAreThere() {
        LossShapeSelection s = selection("cross-entropy", "focal", "mae");
        List<String> offered = LossShapePresets.availableIn(s).stream().map(LossShapePresets.Preset::id).toList();
        // Cross-entropy and focal are there; GCE and the robust regression losses are not.
        assertThat(offered).containsExactly("focusing");
        assertThat(LossShapePresets.ALL).extracting(LossShapePresets.Preset::id)
                .contains("noise", "scale", "confidence", "focusing", "outliers");
        LossShapePresets.Preset focusing = LossShapePresets.ALL.stream().filter(p -> p.id().equals("focusing"))
                .findFirst().orElseThrow();
        s.select(new Key("mae", Plot.CLASSIFICATION), true);
        focusing.applyTo(s);
        assertThat(s.selected()).containsExactly(CE, FOCAL);
        assertThat(s.settings().axis()).isEqualTo(Axis.MARGIN);
    }

    @Test
    void slidersSpanTheRangeOrThreeTimesTheDefault() {
        assertThat(ParamSliders.sliderSpan(ParamSpec.real("gamma", 2, Range.nonNegative(), "")))
                .containsExactly(0, 6);
        assertThat(ParamSliders.sliderSpan(ParamSpec.real("alpha", 1, Range.positive(), "")))
                .containsExactly(0.015, 3);
        assertThat(ParamSliders.sliderSpan(ParamSpec.real("q", 0.7, Range.closed(0, 1), "")))
                .containsExactly(0, 1);
        assertThat(ParamSliders.sliderSpan(ParamSpec.real("b", 0, Range.any(), ""))).containsExactly(-1, 1);
        assertThat(ParamSliders.sliderSpan(ParamSpec.integer("n", 4, Range.atLeast(1), "")))
                .containsExactly(1, 17);
        assertThat(ParamSliders.symbol("gamma")).isEqualTo("γ");
        assertThat(ParamSliders.symbol("n")).isEqualTo("N");
        assertThat(ParamSliders.symbol("c")).isEqualTo("c");
    }

    @Test
    void aSingleSpikeLeavesTheChartAndOrdinaryCurvesAreShownWhole() {
        org.jfree.data.xy.XYSeries smooth = new org.jfree.data.xy.XYSeries("smooth");
        org.jfree.data.xy.XYSeries spiky = new org.jfree.data.xy.XYSeries("spiky");
        for (int i = 0; i <= 240; i++) {
            double m = -6 + i * 0.05;
            smooth.add(m, -1 / (1 + Math.exp(m)));
            spiky.add(m, i == 120 ? -3.3e14 : -0.5 / (1 + Math.exp(m)));
        }
        double[] whole = LossShapeCharts.robustRange(new org.jfree.data.xy.XYSeriesCollection(smooth));
        assertThat(whole[0]).isLessThan(-0.99).isGreaterThan(-1.1);
        assertThat(whole[1]).isEqualTo(0);
        org.jfree.data.xy.XYSeriesCollection both = new org.jfree.data.xy.XYSeriesCollection(smooth);
        both.addSeries(spiky);
        double[] clipped = LossShapeCharts.robustRange(both);
        assertThat(clipped[0]).as("the spike at the tie is left out").isGreaterThan(-1.1);
    }

    @Test
    void aStepIsToldFromACurve() {
        double[] x = new double[41];
        double[] step = new double[41];
        double[] flatPush = new double[41];
        double[] ce = new double[41];
        double[] cePush = new double[41];
        for (int i = 0; i < x.length; i++) {
            x[i] = (i - 20) * 0.3;
            step[i] = x[i] < 0 ? 1.63 : x[i] > 0 ? 0.22 : 0.69;
            flatPush[i] = x[i] == 0 ? -3e14 : 0;
            ce[i] = Math.log1p(2 * Math.exp(-x[i]));
            cePush[i] = -1 + 1 / (1 + 2 * Math.exp(-x[i]));
        }
        assertThat(LossShapeExplorer.isStep(new org.losslab.analysis.LossShapeProbe.Shape("z-loss",
                Plot.CLASSIFICATION, Axis.MARGIN, x, step, flatPush, false, null))).isTrue();
        assertThat(LossShapeExplorer.isStep(new org.losslab.analysis.LossShapeProbe.Shape("cross-entropy",
                Plot.CLASSIFICATION, Axis.MARGIN, x, ce, cePush, false, null))).isFalse();
    }
}
