package dev.pinwall.decode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Every decode has a budget: memory checked from the header before decoding, and a time limit. */
class DecodeBudgetTest {
    @TempDir
    Path dir;

    /** A valid black RGB PNG of any size; rows of zeros compress about 1000:1, so the file stays small. */
    private Path blackPng(String name, int width, int height, boolean complete) throws IOException {
        Path file = dir.resolve(name);
        try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(file))) {
            out.write(new byte[]{(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
            java.io.ByteArrayOutputStream header = new java.io.ByteArrayOutputStream();
            DataOutputStream h = new DataOutputStream(header);
            h.writeInt(width);
            h.writeInt(height);
            h.write(new byte[]{8, 2, 0, 0, 0});
            chunk(out, "IHDR", header.toByteArray());
            java.io.ByteArrayOutputStream data = new java.io.ByteArrayOutputStream();
            try (OutputStream z = new DeflaterOutputStream(data, new Deflater(9))) {
                byte[] row = new byte[1 + width * 3];
                for (int y = 0; y < (complete ? height : 1); y++) {
                    z.write(row);
                }
            }
            chunk(out, "IDAT", data.toByteArray());
            chunk(out, "IEND", new byte[0]);
        }
        return file;
    }

    private static void chunk(DataOutputStream out, String type, byte[] data) throws IOException {
        byte[] t = type.getBytes(StandardCharsets.US_ASCII);
        out.writeInt(data.length);
        out.write(t);
        out.write(data);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data);
        out.writeInt((int) crc.getValue());
    }

    @Test
    void aDecodeThatTakesTooLongIsStoppedWithAReason() throws Exception {
        // 5000x5000: inflating 75 MB of rows takes far longer than the 1 ms allowed, even when subsampled.
        Path large = blackPng("large.png", 5000, 5000, true);
        assertThatThrownBy(() -> ImageDecoder.decode(large, 64, Duration.ofMillis(1)))
                .isInstanceOf(DecodeException.class)
                .hasMessage("took longer than 1 ms to decode (5000x5000 PNG)");
        assertThat(ImageDecoder.decode(large, 64, Duration.ofSeconds(60)).getWidth()).isBetween(64, 128);
    }

    @Test
    void anImageTooLargeForTheMemoryIsRefusedFromItsHeader() throws IOException {
        // 100 million pixels at full size passes the pixel cap but needs about 1.2 GB: more than a quarter of the heap.
        assumeTrue(Runtime.getRuntime().maxMemory() / 4 < 100_000_000L * 12, "needs a heap below 4.8 GB");
        Path claimed = blackPng("claimed.png", 10_000, 10_000, false);
        assertThatThrownBy(() -> ImageDecoder.decode(claimed, 0))
                .isInstanceOf(DecodeException.class)
                .hasMessage("image too large to decode in the memory available (10000x10000)");
    }

    @Test
    void aBmpWrappingAnImageLargerThanTheFileIsRefusedBeforeAllocating() throws Exception {
        // Found by fuzzing: 187 bytes whose header claims an embedded 1.6 GB JPEG; the JDK reader allocated it all.
        Path bmp = dir.resolve("claims.bmp");
        try (var in = getClass().getResourceAsStream("ImageDecoderFuzzTestInputs/decodesOrRefusesWithAReason/"
                + "slow-unit-4021216ca61a61dcadb0b15b8636d662d4d71c08")) {
            Files.copy(in, bmp);
        }
        assertThatThrownBy(() -> ImageDecoder.decode(bmp, 64)).isInstanceOf(DecodeException.class)
                .hasMessage("corrupt BMP (embedded JPEG claims 1667457281 bytes, more than the file holds)");
    }
}
