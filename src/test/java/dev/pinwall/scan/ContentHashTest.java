package dev.pinwall.scan;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ContentHashTest {

    @TempDir
    Path dir;

    @Test
    void isSha256OfTheBytes() throws IOException {
        Path file = Files.writeString(dir.resolve("abc.jpg"), "abc");
        assertThat(ContentHash.of(file))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(ContentHash.of(Files.write(dir.resolve("empty.jpg"), new byte[0])))
                .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }

    @Test
    void dependsOnContentNotName() throws IOException {
        Path a = Files.writeString(dir.resolve("a.jpg"), "same");
        Path b = Files.writeString(dir.resolve("b.png"), "same");
        Path c = Files.writeString(dir.resolve("c.jpg"), "other");
        assertThat(ContentHash.of(a)).isEqualTo(ContentHash.of(b)).isNotEqualTo(ContentHash.of(c));
    }

    @Test
    void streamsFilesLargerThanItsBuffer() throws Exception {
        byte[] chunk = new byte[100_000];
        new Random(1).nextBytes(chunk);
        Path file = dir.resolve("big.bmp");
        MessageDigest expected = MessageDigest.getInstance("SHA-256");
        try (OutputStream out = Files.newOutputStream(file)) {
            for (int i = 0; i < 30; i++) {
                out.write(chunk);
                expected.update(chunk);
            }
        }
        assertThat(ContentHash.of(file)).isEqualTo(HexFormat.of().formatHex(expected.digest()));
    }

    @Test
    void missingFileThrows() {
        assertThatThrownBy(() -> ContentHash.of(dir.resolve("nope.jpg"))).isInstanceOf(NoSuchFileException.class);
    }

    @Test
    void bytesInMemoryHashLikeTheSameBytesInAFile() throws IOException {
        byte[] content = "a photo's bytes".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        Path file = Files.write(dir.resolve("photo.jpg"), content);
        assertThat(ContentHash.of(content)).isEqualTo(ContentHash.of(file)).hasSize(64);
        assertThat(ContentHash.of(new byte[0]))
                .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }
}
