package org.losslab.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.losslab.data.CsvDatasetReader.LabelKind;
import org.losslab.data.CsvDatasetReader.Options;
import org.losslab.param.InvalidParameterException;

class CsvDatasetReaderTest {
    @TempDir
    Path dir;

    private Path csv(String name, String content) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, content, StandardCharsets.UTF_8);
        return p;
    }

    private static Dataset read(Path p) {
        return CsvDatasetReader.read(p, Options.defaults());
    }

    @Test
    void headerAndClassNamesInOrderOfFirstAppearance() throws IOException {
        Path p = csv("iris.csv", """
                sepal_length,sepal_width,species
                5.1,3.5,setosa
                7.0,3.2,versicolor
                4.9,3.0,setosa

                6.3,3.3,virginica
                """);
        Dataset d = read(p);
        assertThat(d.name()).isEqualTo("iris");
        assertThat(d.size()).isEqualTo(4);
        assertThat(d.featureShape()).containsExactly(2);
        assertThat(d.isTwoDimensional()).isTrue();
        assertThat(d.features()).containsExactly(5.1, 3.5, 7.0, 3.2, 4.9, 3.0, 6.3, 3.3);
        assertThat(d.labels()).containsExactly(0, 1, 0, 2);
        assertThat(d.classNames()).containsExactly("setosa", "versicolor", "virginica");
        assertThat(d.source()).contains(p.toString());
    }

    @Test
    void noHeaderIntegerLabelsAreClassIndices() throws IOException {
        Path p = csv("points.csv", "0.5,1,2\n-1e-3,2,0\n3,4,2.0\n");
        Dataset d = read(p);
        assertThat(d.size()).isEqualTo(3);
        assertThat(d.labels()).containsExactly(2, 0, 2);
        assertThat(d.numClasses()).isEqualTo(3);
        assertThat(d.classNames()).containsExactly("0", "1", "2");
        assertThat(d.features()).containsExactly(0.5, 1, -1e-3, 2, 3, 4);
    }

    @Test
    void labelColumnByNameOrIndex() throws IOException {
        Path p = csv("t.csv", "y,a,b\nyes,1,2\nno,3,4\n");
        Dataset byName = CsvDatasetReader.read(p, Options.defaults().withLabelColumn("y"));
        assertThat(byName.labels()).containsExactly(0, 1);
        assertThat(byName.classNames()).containsExactly("yes", "no");
        assertThat(byName.features()).containsExactly(1, 2, 3, 4);
        Dataset byIndex = CsvDatasetReader.read(p, Options.defaults().withLabelColumn("0"));
        assertThat(byIndex.features()).containsExactly(byName.features());
        assertThat(byIndex.labels()).containsExactly(byName.labels());
    }

    @Test
    void headerDetectedFromTextLabelAboveNumericLabels() throws IOException {
        Path p = csv("h.csv", "1,2,label\n0.1,0.2,1\n0.3,0.4,0\n");
        Dataset d = read(p);
        assertThat(d.size()).isEqualTo(2);
        assertThat(d.labels()).containsExactly(1, 0);
    }

    @Test
    void quotedFieldsBomAndSemicolons() throws IOException {
        Path p = csv("q.csv", "\uFEFF\"x\";\"the label\"\n1.5;\"a;b\"\n2.5; \"say \"\"hi\"\"\"\n3.5;\"a;b\"\n");
        Dataset d = CsvDatasetReader.read(p, Options.defaults().withDelimiter(';'));
        assertThat(d.features()).containsExactly(1.5, 2.5, 3.5);
        assertThat(d.classNames()).containsExactly("a;b", "say \"hi\"");
        assertThat(d.labels()).containsExactly(0, 1, 0);
    }

    @Test
    void signedLabelsAreNames() throws IOException {
        Path p = csv("s.csv", "x,y\n1,-1\n2,1\n3,-1\n");
        Dataset d = read(p);
        assertThat(d.classNames()).containsExactly("-1", "1");
        assertThat(d.labels()).containsExactly(0, 1, 0);
    }

    @Test
    void namesForcedEvenIfNumeric() throws IOException {
        Path p = csv("n.csv", "x,y\n1,7\n2,3\n3,7\n");
        Dataset d = CsvDatasetReader.read(p, Options.defaults().withLabels(LabelKind.NAMES));
        assertThat(d.classNames()).containsExactly("7", "3");
        assertThat(d.labels()).containsExactly(0, 1, 0);
    }

    @Test
    void raggedRow() throws IOException {
        Path p = csv("r.csv", "a,b,c,label\n1,2,3,0\n1,2,3,0\n1,2,3,4,0\n");
        assertThatThrownBy(() -> read(p)).isInstanceOf(DataException.class)
                .hasMessage(p + ": line 4 has 5 fields, expected 4");
    }

    @Test
    void raggedRowLineNumbersCountBlankLines() throws IOException {
        Path p = csv("r2.csv", "1,2,0\n\n\n1,0\n");
        assertThatThrownBy(() -> read(p)).hasMessage(p + ": line 4 has 2 fields, expected 3");
    }

    @Test
    void nonNumericFeatureNamesLineAndColumn() throws IOException {
        Path p = csv("f.csv", "sepal_length,sepal_width,species\n5.1,3.5,setosa\n4.9,abc,setosa\n");
        assertThatThrownBy(() -> read(p)).isInstanceOf(DataException.class)
                .hasMessage(p + ": line 3, column 2 ('sepal_width'): 'abc' is not a number");
    }

    @Test
    void missingAndNonFiniteFeatureValues() throws IOException {
        Path p = csv("m.csv", "1,2,0\n1,,0\n");
        assertThatThrownBy(() -> read(p)).hasMessage(p + ": line 2, column 2: the value is missing");
        Path q = csv("nan.csv", "x,y,label\n1,2,0\nNaN,2,1\n");
        assertThatThrownBy(() -> read(q)).isInstanceOf(DataException.class)
                .hasMessage(q + ": line 3, column 1 ('x'): 'NaN' is not a finite number");
    }

    @Test
    void emptyFile() throws IOException {
        Path p = csv("e.csv", "");
        assertThatThrownBy(() -> read(p)).isInstanceOf(DataException.class).hasMessage(p + " is empty");
        Path blank = csv("b.csv", "\n  \n\n");
        assertThatThrownBy(() -> read(blank)).hasMessage(blank + " is empty");
    }

    @Test
    void headerButNoRows() throws IOException {
        Path p = csv("h.csv", "x,y,label\n");
        assertThatThrownBy(() -> read(p)).isInstanceOf(DataException.class)
                .hasMessage(p + " has a header (line 1) but no data rows");
    }

    @Test
    void nonNumericLabelWhenNumericExpected() throws IOException {
        Path p = csv("l.csv", "x,y,label\n1,2,0\n3,4,1\n5,6,cat\n");
        assertThatThrownBy(() -> CsvDatasetReader.read(p, Options.defaults().withLabels(LabelKind.INTEGER)))
                .isInstanceOf(DataException.class)
                .hasMessageStartingWith(p + ": line 4, column 3 ('label'): label 'cat' is not a class number")
                .hasMessageEndingWith("but numeric labels were asked for");
    }

    @Test
    void emptyLabel() throws IOException {
        Path p = csv("el.csv", "1,2,0\n3,4, \n");
        assertThatThrownBy(() -> read(p)).hasMessage(p + ": line 2, column 3: the label is empty");
    }

    @Test
    void unknownLabelColumnAndIndexOutOfRange() throws IOException {
        Path p = csv("c.csv", "a,b\n1,0\n");
        assertThatThrownBy(() -> CsvDatasetReader.read(p, Options.defaults().withLabelColumn("class")))
                .isInstanceOf(DataException.class).hasMessage(p + ": no column named 'class'; the columns are [a, b]");
        assertThatThrownBy(() -> CsvDatasetReader.read(p, Options.defaults().withLabelColumn("5")))
                .hasMessage(p + ": label column index 5 is out of range: the file has 2 columns (indices 0 to 1)");
        assertThatThrownBy(() -> CsvDatasetReader.read(p,
                Options.defaults().withLabelColumn("b").withHeader(false)))
                .hasMessageContaining("is given by name, but the file is read without a header");
    }

    @Test
    void singleColumnAndUnclosedQuote() throws IOException {
        Path p = csv("one.csv", "1\n2\n");
        assertThatThrownBy(() -> read(p)).hasMessageContaining(p + ": line 1 has 1 field")
                .hasMessageContaining("at least two columns");
        Path q = csv("quote.csv", "1,\"2,0\n");
        assertThatThrownBy(() -> read(q)).hasMessage(q + ": line 1 has an unclosed quote (fields spanning lines are "
                + "not supported)");
    }

    @Test
    void missingFile() {
        Path p = dir.resolve("nope.csv");
        assertThatThrownBy(() -> read(p)).isInstanceOf(DataException.class).hasMessage("file not found: " + p);
    }

    @Test
    void csvSourceSplitsAndIsDeterministic() throws IOException {
        StringBuilder sb = new StringBuilder("x,y,cls\n");
        for (int i = 0; i < 100; i++) {
            sb.append(i).append(',').append(i * 0.5).append(',').append(i % 2 == 0 ? "even" : "odd").append('\n');
        }
        Path p = csv("data.csv", sb.toString());
        CsvSource src = new CsvSource();
        DataSplit a = src.load(Map.of("path", p.toString(), "labelColumn", "cls", "validationFraction", 0.3), 4);
        assertThat(a.validation().size()).isEqualTo(30);
        assertThat(a.train().size()).isEqualTo(70);
        assertThat(a.validation().classCounts()).containsExactly(15, 15);
        assertThat(a.train().classNames()).containsExactly("even", "odd");
        DataSplit b = src.load(Map.of("path", p.toString(), "labelColumn", "cls", "validationFraction", 0.3), 4);
        assertThat(b.train().features()).containsExactly(a.train().features());
        DataSplit c = src.load(Map.of("path", p.toString()), 4);
        assertThat(c.train().classNames()).containsExactly("even", "odd");
    }

    @Test
    void csvSourceRequiresAPath() {
        CsvSource src = new CsvSource();
        assertThatThrownBy(() -> src.load(Map.of(), 1)).isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("'path'").hasMessageContaining("a value is required");
        assertThatThrownBy(() -> src.load(Map.of("path", "  "), 1)).isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("must not be empty");
        assertThatThrownBy(() -> src.load(Map.of("path", dir.resolve("missing.csv").toString()), 1))
                .isInstanceOf(DataException.class).hasMessageStartingWith("file not found");
    }

    @Test
    void csvSourceLabelsParameter() throws IOException {
        Path p = csv("k.csv", "x,label\n1,a\n2,b\n3,a\n4,b\n5,a\n6,b\n");
        assertThatThrownBy(() -> new CsvSource().load(Map.of("path", p.toString(), "labels", "integer"), 1))
                .isInstanceOf(DataException.class).hasMessageContaining("label 'a' is not a class number");
    }
}
