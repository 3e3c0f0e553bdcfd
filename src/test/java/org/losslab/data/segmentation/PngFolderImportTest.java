package org.losslab.data.segmentation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.losslab.data.DataException;

class PngFolderImportTest {
    @TempDir
    Path root;

    /** A grey PNG whose pixel (r, c) is {@code value.apply(r, c)} (0–255). */
    static void grey(Path file, int h, int w, java.util.function.IntBinaryOperator value) throws IOException {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        for (int r = 0; r < h; r++) {
            for (int c = 0; c < w; c++) {
                image.getRaster().setSample(c, r, 0, value.applyAsInt(r, c));
            }
        }
        Files.createDirectories(file.getParent());
        ImageIO.write(image, "png", file.toFile());
    }

    void pair(String name, int h, int w) throws IOException {
        grey(root.resolve("images/" + name + ".png"), h, w, (r, c) -> (r * 16 + c * 3) % 256);
        grey(root.resolve("masks/" + name + ".png"), h, w, (r, c) -> r > c ? 255 : 0);
    }

    @Test
    void readsPairsByNameInSortedOrder() throws IOException {
        pair("b", 6, 5);
        pair("a", 6, 5);
        Files.writeString(root.resolve("images/notes.txt"), "ignored");
        // A colour image becomes grey by luma; a 0/1 label-coded mask is accepted too.
        BufferedImage colour = new BufferedImage(5, 6, BufferedImage.TYPE_INT_RGB);
        colour.setRGB(2, 3, 0xFF0000);
        ImageIO.write(colour, "png", root.resolve("images/c.png").toFile());
        grey(root.resolve("masks/c.png"), 6, 5, (r, c) -> r == 0 ? 1 : 0);
        SegmentationSet set = PngFolderImport.read(root, "train");
        assertThat(set.names()).containsExactly("a", "b", "c");
        assertThat(set.height()).isEqualTo(6);
        assertThat(set.width()).isEqualTo(5);
        assertThat(set.pixel(0, 2, 1)).isCloseTo((2 * 16 + 3) / 255.0, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(set.foreground(1, 3, 1)).isTrue();
        assertThat(set.foreground(1, 1, 3)).isFalse();
        assertThat(set.pixel(2, 3, 2)).isCloseTo(0.299, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(set.foregroundCount(2)).isEqualTo(5);
        assertThat(set.split()).isEqualTo("train");
    }

    @Test
    void missingPartnersAreNamed() throws IOException {
        pair("a", 4, 4);
        grey(root.resolve("images/lonely.png"), 4, 4, (r, c) -> 0);
        assertThatThrownBy(() -> PngFolderImport.read(root, "train")).isInstanceOf(DataException.class)
                .hasMessageContaining("lonely.png has no mask");
        Files.delete(root.resolve("images/lonely.png"));
        grey(root.resolve("masks/orphan.png"), 4, 4, (r, c) -> 0);
        assertThatThrownBy(() -> PngFolderImport.read(root, "train")).hasMessageContaining("orphan.png has no image");
    }

    @Test
    void sizeMismatchesAreNamed() throws IOException {
        pair("a", 4, 4);
        grey(root.resolve("images/b.png"), 4, 4, (r, c) -> 0);
        grey(root.resolve("masks/b.png"), 4, 3, (r, c) -> 0);
        assertThatThrownBy(() -> PngFolderImport.read(root, "train"))
                .hasMessageContaining("b.png is 4×3 but its image").hasMessageContaining("is 4×4");
        pair("b", 5, 4);
        assertThatThrownBy(() -> PngFolderImport.read(root, "train"))
                .hasMessageContaining("b.png is 5×4").hasMessageContaining("same size");
    }

    @Test
    void nonBinaryMasksAreNamedWithThePixel() throws IOException {
        grey(root.resolve("images/a.png"), 4, 4, (r, c) -> 0);
        grey(root.resolve("masks/a.png"), 4, 4, (r, c) -> r == 2 && c == 1 ? 128 : 0);
        assertThatThrownBy(() -> PngFolderImport.read(root, "train"))
                .hasMessageContaining("a.png is not binary").hasMessageContaining("row 2, column 1")
                .hasMessageContaining("value 128");
    }

    @Test
    void emptyFoldersEmptyFilesAndTinyImagesAreRefused() throws IOException {
        assertThatThrownBy(() -> PngFolderImport.read(root, "train")).hasMessageContaining("images").hasMessageContaining("missing");
        Files.createDirectories(root.resolve("images"));
        Files.createDirectories(root.resolve("masks"));
        assertThatThrownBy(() -> PngFolderImport.read(root, "train")).hasMessageContaining("no PNG images");
        Files.createFile(root.resolve("images/blank.png"));
        Files.createFile(root.resolve("masks/blank.png"));
        assertThatThrownBy(() -> PngFolderImport.read(root, "train")).hasMessageContaining("blank.png is an empty file");
        Files.writeString(root.resolve("images/blank.png"), "not a picture");
        assertThatThrownBy(() -> PngFolderImport.read(root, "train")).hasMessageContaining("blank.png is not a readable image");
        Files.delete(root.resolve("images/blank.png"));
        Files.delete(root.resolve("masks/blank.png"));
        pair("dot", 1, 1);
        assertThatThrownBy(() -> PngFolderImport.read(root, "train"))
                .hasMessageContaining("dot.png is 1×1").hasMessageContaining("at least 2×2");
    }
}
