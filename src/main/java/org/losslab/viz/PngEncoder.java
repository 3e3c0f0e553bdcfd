package org.losslab.viz;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

/**
 * Writes pixels as a PNG file (8-bit RGBA, no filtering): enough for exported pictures and for the heat map inside
 * an SVG, with nothing beyond {@code java.util.zip}, so this package stays free of image libraries.
 */
public final class PngEncoder {
    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

    private PngEncoder() {}

    /**
     * The PNG bytes of an image.
     *
     * @param argb row-major [height, width] 0xAARRGGBB pixels, row 0 at the top
     */
    public static byte[] encode(int[] argb, int width, int height) {
        if (width < 1 || height < 1 || argb.length != width * height) {
            throw new IllegalArgumentException("argb must hold width×height = " + width + "×" + height
                    + " pixels, got " + argb.length);
        }
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write(SIGNATURE);
            ByteArrayOutputStream header = new ByteArrayOutputStream();
            DataOutputStream h = new DataOutputStream(header);
            h.writeInt(width);
            h.writeInt(height);
            h.writeByte(8); // bit depth
            h.writeByte(6); // colour type: RGBA
            h.writeByte(0); // compression
            h.writeByte(0); // filter method
            h.writeByte(0); // no interlace
            chunk(out, "IHDR", header.toByteArray());
            ByteArrayOutputStream raw = new ByteArrayOutputStream();
            try (DeflaterOutputStream z = new DeflaterOutputStream(raw, new Deflater(Deflater.DEFAULT_COMPRESSION))) {
                byte[] row = new byte[1 + 4 * width];
                for (int y = 0; y < height; y++) {
                    row[0] = 0; // filter: none
                    for (int x = 0; x < width; x++) {
                        int p = argb[y * width + x];
                        row[1 + 4 * x] = (byte) (p >> 16);
                        row[2 + 4 * x] = (byte) (p >> 8);
                        row[3 + 4 * x] = (byte) p;
                        row[4 + 4 * x] = (byte) (p >>> 24);
                    }
                    z.write(row);
                }
            }
            chunk(out, "IDAT", raw.toByteArray());
            chunk(out, "IEND", new byte[0]);
            return out.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException("in-memory PNG encoding failed", e);
        }
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) throws IOException {
        DataOutputStream d = new DataOutputStream(out);
        byte[] name = type.getBytes(StandardCharsets.US_ASCII);
        d.writeInt(data.length);
        d.write(name);
        d.write(data);
        CRC32 crc = new CRC32();
        crc.update(name);
        crc.update(data);
        d.writeInt((int) crc.getValue());
    }
}
