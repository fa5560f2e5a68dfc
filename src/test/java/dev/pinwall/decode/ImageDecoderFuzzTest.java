package dev.pinwall.decode;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fuzz target for the decoder: any bytes either decode to an upright RGB image or fail with a
 * {@link DecodeException}; nothing else escapes, and EXIF orientation reading never fails. Seeds (tiny real
 * JPEGs with EXIF orientations, PNG, GIF, BMP, broken files, and every crash found) live in
 * {@code src/test/resources/dev/pinwall/decode/ImageDecoderFuzzTestInputs/}; {@code mvn test} runs them,
 * {@code JAZZER_FUZZ=1} fuzzes (see docs/FUZZING.md).
 */
class ImageDecoderFuzzTest {
    private static Path dir;

    @BeforeAll
    static void createFolder() throws IOException {
        dir = Files.createTempDirectory("pinwall-decode-fuzz");
    }

    @AfterAll
    static void deleteFolder() throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @FuzzTest(maxDuration = "10m")
    void decodesOrRefusesWithAReason(byte[] data) throws IOException {
        Path file = Files.write(dir.resolve("input.jpg"), data);
        int orientation = ImageDecoder.exifOrientation(file);
        assertThat(orientation).isBetween(1, 8);
        try {
            BufferedImage image = ImageDecoder.decode(file, 64);
            assertThat(image.getType()).isEqualTo(BufferedImage.TYPE_INT_RGB);
            assertThat(image.getWidth()).isPositive();
            assertThat(image.getHeight()).isPositive();
            BufferedImage thumb = ImageDecoder.thumbnail(file, 32);
            assertThat(Math.max(thumb.getWidth(), thumb.getHeight())).isLessThanOrEqualTo(32);
        } catch (DecodeException expected) {
            assertThat(expected.getMessage()).isNotBlank();
        }
    }
}
