package org.losslab.loss;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.losslab.param.ParamSpec;
import org.losslab.param.ParamValues;
import org.junit.jupiter.api.Test;

/** The catalogue is complete (every LossFunction class is registered) and every spec is well formed. */
class LossCatalogTest {

    @Test
    void everyLossClassIsRegistered() throws IOException, URISyntaxException, ClassNotFoundException {
        Path root = Path.of(LossFunction.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Set<String> registered = LossCatalog.get().all().stream().map(l -> l.getClass().getName()).collect(Collectors.toSet());
        List<String> implementations;
        try (Stream<Path> files = Files.walk(root.resolve("org/losslab/loss"))) {
            implementations = files.filter(p -> p.toString().endsWith(".class") && !p.toString().contains("$"))
                    .map(p -> root.relativize(p).toString().replace('/', '.').replaceAll("\\.class$", ""))
                    .toList();
        }
        int concrete = 0;
        for (String name : implementations) {
            Class<?> c = Class.forName(name);
            if (LossFunction.class.isAssignableFrom(c) && !c.isInterface() && !Modifier.isAbstract(c.getModifiers())) {
                concrete++;
                assertThat(registered).as("%s must be listed in META-INF/services/org.losslab.loss.LossFunction", name)
                        .contains(name);
            }
        }
        assertThat(concrete).isEqualTo(registered.size());
    }

    @Test
    void theFoundationLossesArePresent() {
        assertThat(LossCatalog.get().ids()).contains(
                "cross-entropy", "label-smoothing-ce", "focal", "mse", "mae", "bce", "hinge");
    }

    @Test
    void everySpecIsDocumentedAndItsDefaultsAreValid() {
        for (LossFunction loss : LossCatalog.get().all()) {
            LossSpec s = loss.spec();
            assertThat(s.name()).as(s.id()).isNotBlank();
            assertThat(s.tex()).as(s.id() + " formula").isNotBlank();
            assertThat(s.intuition()).as(s.id() + " intuition").isNotBlank();
            assertThat(s.citation()).as(s.id() + " citation").isNotBlank();
            assertThat(s.differentiableInputs()).as(s.id()).isNotEmpty();
            for (ParamSpec p : s.params()) {
                assertThat(p.description()).as(s.id() + "." + p.name()).isNotBlank();
            }
            ParamValues.defaults(s.id(), s.params());
        }
    }
}
