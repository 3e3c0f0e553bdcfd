package org.losslab.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxReaderTest {
    @TempDir
    Path dir;

    /** IDX bytes: big-endian magic, dims, then the values. */
    static byte[] idx(int magic, int[] dims, byte[] values) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(magic);
        for (int d : dims) {
            out.writeInt(d);
        }
        out.write(values);
        out.flush();
        return bytes.toByteArray();
    }

    static byte[] gzip(byte[] plain) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write(plain);
        }
        return bytes.toByteArray();
    }

    /** Three 2×3 images whose pixels are 0, 1, …, 17 with the top one 255, and labels 2, 0, 7. */
    private static byte[] pixels() {
        byte[] px = new byte[3 * 2 * 3];
        for (int i = 0; i < px.length; i++) {
            px[i] = (byte) i;
        }
        px[17] = (byte) 255;
        return px;
    }

    private Path write(String name, byte[] content) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, content);
        return p;
    }

    @Test
    void roundTripPlain() throws IOException {
        Path images = write("img-idx3-ubyte", idx(2051, new int[] {3, 2, 3}, pixels()));
        Path labels = write("lbl-idx1-ubyte", idx(2049, new int[] {3}, new byte[] {2, 0, 7}));
        IdxReader.IdxData raw = IdxReader.read(images);
        assertThat(raw.isImages()).isTrue();
        assertThat(raw.dims()).containsExactly(3, 2, 3);
        assertThat(raw.unsigned(17)).isEqualTo(255);

        Dataset d = IdxReader.readDataset(images, labels, "tiny");
        assertThat(d.size()).isEqualTo(3);
        assertThat(d.featureShape()).containsExactly(1, 2, 3);
        assertThat(d.labels()).containsExactly(2, 0, 7);
        assertThat(d.numClasses()).isEqualTo(8);
        assertThat(d.row(1)).containsExactly(6 / 255.0, 7 / 255.0, 8 / 255.0, 9 / 255.0, 10 / 255.0, 11 / 255.0);
        assertThat(d.feature(2, 5)).isEqualTo(1.0);
        assertThat(d.feature(0, 0)).isEqualTo(0.0);
    }

    @Test
    void roundTripGzipDetectedFromContent() throws IOException {
        Path images = write("images.gz", gzip(idx(2051, new int[] {3, 2, 3}, pixels())));
        Path labels = write("labels-no-extension", gzip(idx(2049, new int[] {3}, new byte[] {2, 0, 7})));
        Dataset d = IdxReader.readDataset(images, labels, "tiny");
        Path plainImages = write("p-images", idx(2051, new int[] {3, 2, 3}, pixels()));
        Path plainLabels = write("p-labels", idx(2049, new int[] {3}, new byte[] {2, 0, 7}));
        Dataset plain = IdxReader.readDataset(plainImages, plainLabels, "tiny");
        assertThat(d.features()).containsExactly(plain.features());
        assertThat(d.labels()).containsExactly(plain.labels());
    }

    @Test
    void wrongMagic() throws IOException {
        Path p = write("bad", idx(2050, new int[] {1, 1}, new byte[] {0}));
        assertThatThrownBy(() -> IdxReader.read(p)).isInstanceOf(DataException.class)
                .hasMessage(p + ": wrong magic number 0x00000802 (2050): not an IDX image file (2051) or label file "
                        + "(2049)");
    }

    @Test
    void littleEndianMagicGetsAHint() throws IOException {
        Path p = write("swapped", idx(Integer.reverseBytes(2049), new int[] {Integer.reverseBytes(1)}, new byte[] {0}));
        assertThatThrownBy(() -> IdxReader.read(p)).isInstanceOf(DataException.class)
                .hasMessageContaining("wrong magic number").hasMessageContaining("little-endian");
    }

    @Test
    void truncatedDataSaysBytesExpectedAndFound() throws IOException {
        byte[] full = idx(2051, new int[] {3, 2, 3}, pixels());
        Path p = write("short", Arrays.copyOf(full, full.length - 5));
        assertThatThrownBy(() -> IdxReader.read(p)).isInstanceOf(DataException.class)
                .hasMessage(p + " is truncated: the header announces 3 images of 2×3, which needs 18 bytes of data "
                        + "after the 16-byte header (34 bytes in all); found 13 (29 in all)");
    }

    @Test
    void truncatedInsideGzip() throws IOException {
        byte[] full = idx(2049, new int[] {100}, new byte[100]);
        Path p = write("short.gz", gzip(Arrays.copyOf(full, 60)));
        assertThatThrownBy(() -> IdxReader.read(p)).isInstanceOf(DataException.class)
                .hasMessageContaining(p + " (after gunzip) is truncated")
                .hasMessageContaining("needs 100 bytes of data")
                .hasMessageContaining("found 52");
    }

    @Test
    void cutOffGzipStream() throws IOException {
        byte[] gz = gzip(idx(2049, new int[] {1000}, new byte[1000]));
        Path p = write("cut.gz", Arrays.copyOf(gz, gz.length / 2));
        assertThatThrownBy(() -> IdxReader.read(p)).isInstanceOf(DataException.class)
                .hasMessageContaining(p + " is a damaged or truncated gzip file");
    }

    @Test
    void truncatedHeader() throws IOException {
        Path p = write("head", Arrays.copyOf(idx(2051, new int[] {3, 2, 3}, new byte[0]), 9));
        assertThatThrownBy(() -> IdxReader.read(p)).isInstanceOf(DataException.class)
                .hasMessage(p + " is truncated: expected 16 bytes of header, found 9");
        Path q = write("tiny", new byte[] {0, 0});
        assertThatThrownBy(() -> IdxReader.read(q)).hasMessageContaining("expected at least 4 bytes");
    }

    @Test
    void emptyFile() throws IOException {
        Path p = write("empty", new byte[0]);
        assertThatThrownBy(() -> IdxReader.read(p)).isInstanceOf(DataException.class).hasMessage(p + " is empty");
        Path gz = write("empty.gz", gzip(new byte[0]));
        assertThatThrownBy(() -> IdxReader.read(gz)).isInstanceOf(DataException.class)
                .hasMessage(gz + " (after gunzip) is empty");
    }

    @Test
    void extraBytesAfterTheData() throws IOException {
        byte[] full = idx(2049, new int[] {3}, new byte[] {1, 2, 3});
        Path p = write("long", Arrays.copyOf(full, full.length + 4));
        assertThatThrownBy(() -> IdxReader.read(p)).isInstanceOf(DataException.class)
                .hasMessageContaining("has 4 extra bytes after offset 11");
    }

    @Test
    void imageAndLabelCountMismatch() throws IOException {
        Path images = write("img", idx(2051, new int[] {3, 2, 3}, pixels()));
        Path labels = write("lbl", idx(2049, new int[] {2}, new byte[] {1, 1}));
        assertThatThrownBy(() -> IdxReader.readDataset(images, labels, "x")).isInstanceOf(DataException.class)
                .hasMessage("image/label count mismatch: " + images + " has 3 images but " + labels + " has 2 labels");
    }

    @Test
    void swappedFilesAreNamed() throws IOException {
        Path images = write("img", idx(2051, new int[] {3, 2, 3}, pixels()));
        Path labels = write("lbl", idx(2049, new int[] {3}, new byte[] {1, 1, 1}));
        assertThatThrownBy(() -> IdxReader.readDataset(labels, images, "x")).isInstanceOf(DataException.class)
                .hasMessageContaining(labels + " is a label file");
    }

    @Test
    void missingFile() {
        Path p = dir.resolve("nope");
        assertThatThrownBy(() -> IdxReader.read(p)).isInstanceOf(DataException.class)
                .hasMessage("file not found: " + p);
    }

    @Test
    void zeroImages() throws IOException {
        Path images = write("img", idx(2051, new int[] {0, 28, 28}, new byte[0]));
        Path labels = write("lbl", idx(2049, new int[] {0}, new byte[0]));
        assertThatThrownBy(() -> IdxReader.readDataset(images, labels, "x")).isInstanceOf(DataException.class)
                .hasMessageContaining("holds no images");
    }
}
