package dev.pinwall.decode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.stream.ImageOutputStream;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.CRC32;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

class ImageDecoderTest {
    @TempDir
    Path dir;

    @Test
    void decodesSmallJpegAtFullSizeAsRgb() throws Exception {
        Path file = write(noise(225, 300), "jpg");
        BufferedImage image = ImageDecoder.decode(file, 224);
        assertThat(image.getType()).isEqualTo(BufferedImage.TYPE_INT_RGB);
        assertThat(image.getWidth()).isEqualTo(225);
        assertThat(image.getHeight()).isEqualTo(300);
    }

    @Test
    void decodesBmp() throws Exception {
        Path file = write(solid(30, 20, Color.GREEN), "bmp");
        BufferedImage image = ImageDecoder.decode(file, 0);
        assertThat(image.getWidth()).isEqualTo(30);
        assertThat(new Color(image.getRGB(5, 5))).isEqualTo(Color.GREEN);
    }

    @Test
    void rejectsZeroByteFile() throws Exception {
        Path file = Files.createFile(dir.resolve("empty.jpg"));
        assertThatThrownBy(() -> ImageDecoder.decode(file, 224))
                .isInstanceOf(DecodeException.class).hasMessage("empty file (0 bytes)");
    }

    @Test
    void rejectsTextFileAsNotAnImage() throws Exception {
        Path file = Files.writeString(dir.resolve("notes.jpg"), "shopping list: milk, eggs\n".repeat(20));
        assertThatThrownBy(() -> ImageDecoder.decode(file, 224))
                .isInstanceOf(DecodeException.class).hasMessage("not an image (unrecognised format)");
    }

    @Test
    void rejectsTruncatedJpeg() throws Exception {
        byte[] full = Files.readAllBytes(write(noise(400, 400), "jpg"));
        Path cut = Files.write(dir.resolve("cut.jpg"), Arrays.copyOf(full, full.length / 2));
        assertThatThrownBy(() -> ImageDecoder.decode(cut, 224))
                .isInstanceOf(DecodeException.class).hasMessage("truncated or corrupt JPEG");
    }

    @Test
    void rejectsJpegWithGarbageAfterHeader() throws Exception {
        byte[] garbage = new byte[5000];
        new Random(7).nextBytes(garbage);
        garbage[0] = (byte) 0xFF;
        garbage[1] = (byte) 0xD8;
        garbage[2] = (byte) 0xFF;
        Path file = Files.write(dir.resolve("garbage.jpg"), garbage);
        assertThatThrownBy(() -> ImageDecoder.decode(file, 224))
                .isInstanceOf(DecodeException.class).hasMessageContaining("corrupt");
    }

    @Test
    void rejectsPngWithCorruptData() throws Exception {
        byte[] bytes = Files.readAllBytes(write(noise(200, 200), "png"));
        for (int i = bytes.length / 2; i < bytes.length / 2 + 400; i++) {
            bytes[i] ^= 0x5A;
        }
        Path file = Files.write(dir.resolve("bad.png"), bytes);
        assertThatThrownBy(() -> ImageDecoder.decode(file, 224))
                .isInstanceOf(DecodeException.class).hasMessage("truncated or corrupt PNG");
    }

    @Test
    void reportsVanishedFile() {
        assertThatThrownBy(() -> ImageDecoder.decode(dir.resolve("gone.jpg"), 224))
                .isInstanceOf(DecodeException.class).hasMessage("file vanished");
    }

    @Test
    void reportsUnreadableFile() throws Exception {
        Path file = write(noise(50, 50), "jpg");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("---------"));
        assumeFalse(Files.isReadable(file), "running as root: chmod 000 cannot deny reading");
        assertThatThrownBy(() -> ImageDecoder.decode(file, 224))
                .isInstanceOf(DecodeException.class).hasMessage("cannot read file: permission denied");
    }

    @Test
    void subsamplesHugeJpegOnRead() throws Exception {
        BufferedImage big = new BufferedImage(12000, 12000, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = big.createGraphics();
        g.setColor(Color.GRAY);
        g.fillRect(0, 0, 12000, 12000);
        g.dispose();
        Path file = write(big, "jpg");
        big = null;

        BufferedImage image = ImageDecoder.decode(file, 500);

        assertThat(Math.min(image.getWidth(), image.getHeight())).isBetween(500, 999);
        assertThat(new Color(image.getRGB(10, 10)).getRed()).isBetween(120, 136);
    }

    @Test
    void refusesAbsurdDimensionsFromHeader() throws Exception {
        Path file = Files.write(dir.resolve("absurd.png"), pngHeaderOnly(100_000, 100_000));
        assertThatThrownBy(() -> ImageDecoder.decode(file, 224))
                .isInstanceOf(DecodeException.class).hasMessageStartingWith("image too large");
    }

    @Test
    void appliesExifOrientation() throws Exception {
        // Left half red, right half blue; orientation 6 means "rotate 90 degrees clockwise to view".
        BufferedImage src = solid(40, 20, Color.BLUE);
        Graphics2D g = src.createGraphics();
        g.setColor(Color.RED);
        g.fillRect(0, 0, 20, 20);
        g.dispose();
        Path plain = write(src, "jpg");
        Path rotated = Files.write(dir.resolve("rotated.jpg"), withExifOrientation(Files.readAllBytes(plain), 6));

        BufferedImage image = ImageDecoder.decode(rotated, 0);

        assertThat(image.getWidth()).isEqualTo(20);
        assertThat(image.getHeight()).isEqualTo(40);
        assertThat(new Color(image.getRGB(10, 5)).getRed()).isGreaterThan(200);   // top was the left
        assertThat(new Color(image.getRGB(10, 35)).getBlue()).isGreaterThan(200); // bottom was the right
    }

    @Test
    void decodesFirstFrameOfAnimatedGif() throws Exception {
        Path file = dir.resolve("anim.gif");
        ImageWriter writer = ImageIO.getImageWritersByFormatName("gif").next();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(file.toFile())) {
            writer.setOutput(out);
            writer.prepareWriteSequence(null);
            writer.writeToSequence(new IIOImage(indexed(solid(16, 16, Color.RED)), null, null), null);
            writer.writeToSequence(new IIOImage(indexed(solid(16, 16, Color.BLUE)), null, null), null);
            writer.endWriteSequence();
        } finally {
            writer.dispose();
        }
        BufferedImage image = ImageDecoder.decode(file, 0);
        assertThat(new Color(image.getRGB(8, 8))).isEqualTo(Color.RED);
    }

    @Test
    void compositesPngAlphaOntoWhite() throws Exception {
        BufferedImage argb = new BufferedImage(10, 10, BufferedImage.TYPE_INT_ARGB);
        argb.setRGB(1, 1, 0x00000000);       // fully transparent black
        argb.setRGB(2, 2, 0x80000000);       // half-transparent black
        argb.setRGB(3, 3, 0xFFFF0000);       // opaque red
        Path file = write(argb, "png");

        BufferedImage image = ImageDecoder.decode(file, 0);

        assertThat(image.getType()).isEqualTo(BufferedImage.TYPE_INT_RGB);
        assertThat(new Color(image.getRGB(1, 1))).isEqualTo(Color.WHITE);
        assertThat(new Color(image.getRGB(2, 2)).getGreen()).isBetween(120, 135);
        assertThat(new Color(image.getRGB(3, 3))).isEqualTo(Color.RED);
    }

    @Test
    void thumbnailFitsLongerSide() throws Exception {
        Path file = write(noise(1000, 500), "png");
        BufferedImage thumb = ImageDecoder.thumbnail(file, 100);
        assertThat(thumb.getWidth()).isEqualTo(100);
        assertThat(thumb.getHeight()).isEqualTo(50);
    }

    private Path write(BufferedImage image, String format) throws IOException {
        Path file = Files.createTempFile(dir, "img", "." + format);
        if (!ImageIO.write(image, format, file.toFile())) {
            throw new IOException("no writer for " + format);
        }
        return file;
    }

    static BufferedImage noise(int w, int h) {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Random random = new Random(w * 31L + h);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                image.setRGB(x, y, random.nextInt(0xFFFFFF));
            }
        }
        return image;
    }

    static BufferedImage solid(int w, int h, Color colour) {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(colour);
        g.fillRect(0, 0, w, h);
        g.dispose();
        return image;
    }

    private static BufferedImage indexed(BufferedImage rgb) {
        BufferedImage out = new BufferedImage(rgb.getWidth(), rgb.getHeight(), BufferedImage.TYPE_BYTE_INDEXED);
        Graphics2D g = out.createGraphics();
        g.drawImage(rgb, 0, 0, null);
        g.dispose();
        return out;
    }

    /** Inserts an APP1 Exif segment holding only an orientation tag right after the JPEG's SOI marker. */
    static byte[] withExifOrientation(byte[] jpeg, int orientation) {
        ByteBuffer app1 = ByteBuffer.allocate(36);
        app1.put((byte) 0xFF).put((byte) 0xE1).putShort((short) 34);
        app1.put("Exif".getBytes()).put((byte) 0).put((byte) 0);
        app1.put((byte) 'M').put((byte) 'M').putShort((short) 42).putInt(8); // big-endian TIFF header
        app1.putShort((short) 1);                                              // one IFD entry
        app1.putShort((short) 0x0112).putShort((short) 3).putInt(1)            // Orientation, SHORT, count 1
                .putShort((short) orientation).putShort((short) 0);
        app1.putInt(0);                                                        // no next IFD
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpeg, 0, 2);
        out.write(app1.array(), 0, app1.position());
        out.write(jpeg, 2, jpeg.length - 2);
        return out.toByteArray();
    }

    private static byte[] pngHeaderOnly(int width, int height) {
        ByteBuffer ihdr = ByteBuffer.allocate(13).putInt(width).putInt(height)
                .put((byte) 8).put((byte) 2).put((byte) 0).put((byte) 0).put((byte) 0);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[]{(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
        chunk(out, "IHDR", ihdr.array());
        chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
        out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
        CRC32 crc = new CRC32();
        crc.update(type.getBytes());
        crc.update(data);
        out.writeBytes(type.getBytes());
        out.writeBytes(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }
}
