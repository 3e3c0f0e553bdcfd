package org.losslab.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Random;
import org.losslab.param.InvalidParameterException;
import org.losslab.param.ParamValues;
import org.junit.jupiter.api.Test;

class ModelCatalogTest {

    @Test
    void catalogueHoldsTheFoundationModels() {
        assertThat(ModelCatalog.get().ids()).contains("mlp", "cnn", "poincare-mlp");
    }

    @Test
    void mlpShapesAndParameterCount() {
        ModelType t = ModelCatalog.get().byId("mlp");
        Model m = t.build(ParamValues.defaults("mlp", t.params()), new int[] {2}, 3);
        assertThat(m.describe()).isEqualTo("MLP 2-32-32-3 (relu)");
        // 2·32+32 + 32·32+32 + 32·3+3
        assertThat(m.parameterCount()).isEqualTo(96 + 1056 + 99);
    }

    @Test
    void cnnShapesFor28x28() {
        Model m = new SmallCnn(new int[] {1, 28, 28}, 8, 16, "relu", 10);
        assertThat(m.parameterShapes().get("dense.w")).containsExactly(16 * 7 * 7, 10);
        assertThat(m.parameterCount()).isEqualTo(8 * 9 + 8 + 16 * 8 * 9 + 16 + 784 * 10 + 10);
    }

    @Test
    void cnnRefusesPointsWithAReason() {
        assertThat(ModelCatalog.get().byId("cnn").incompatibility(new int[] {2})).contains("use the MLP");
    }

    @Test
    void initialisationIsSeeded() {
        Model m = new Mlp(new int[] {2}, 1, 4, "relu", 0, 2);
        assertThat(m.initialParameters(new Random(1))).isEqualTo(m.initialParameters(new Random(1)));
        assertThat(m.initialParameters(new Random(1))).isNotEqualTo(m.initialParameters(new Random(2)));
    }

    @Test
    void invalidHyperparametersAreRefusedByName() {
        ModelType t = ModelCatalog.get().byId("mlp");
        assertThatThrownBy(() -> ParamValues.resolve("model 'mlp'", t.params(), Map.of("width", 0)))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("width");
        assertThatThrownBy(() -> ParamValues.resolve("model 'mlp'", t.params(), Map.of("activation", "swish")))
                .hasMessageContaining("activation").hasMessageContaining("relu");
        assertThatThrownBy(() -> ParamValues.resolve("model 'mlp'", t.params(), Map.of("dropout", 1.0)))
                .hasMessageContaining("dropout");
    }
}
