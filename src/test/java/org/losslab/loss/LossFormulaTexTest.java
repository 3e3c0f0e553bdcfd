package org.losslab.loss;

import static org.assertj.core.api.Assertions.assertThatCode;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.scilab.forge.jlatexmath.TeXFormula;

/** Every formula card's TeX parses with JLaTeXMath, the typesetter the formula card uses. */
class LossFormulaTexTest {

    static Stream<String> ids() {
        return LossCatalog.get().ids().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ids")
    void texParses(String id) {
        String tex = LossCatalog.get().byId(id).spec().tex();
        assertThatCode(() -> new TeXFormula(tex)).as("%s: %s", id, tex).doesNotThrowAnyException();
    }
}
