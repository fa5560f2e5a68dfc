package dev.pinwall.cli;

import dev.pinwall.testing.TestImages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.Color;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code pinwall bench embed} measures a few images with a tiny TorchScript network and ends with its figures line. */
class BenchEmbedCommandTest {
    private static final Pattern LAST_LINE =
            Pattern.compile("embed images (\\d+) images_per_s (\\d+\\.\\d) inference_only_images_per_s (\\d+\\.\\d)");

    @TempDir
    Path dir;

    private String[] run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = PinwallCli.run(args, new PrintWriter(out), new PrintWriter(err));
        return new String[]{Integer.toString(code), out.toString(), err.toString()};
    }

    private Path tinyModel() throws Exception {
        Path model = dir.resolve("tiny_cnn.pt");
        try (InputStream in = getClass().getResourceAsStream("/models/tiny_cnn.pt")) {
            Files.copy(in, model);
        }
        return model;
    }

    @Test
    void lastLineCarriesBothRates() throws Exception {
        Path folder = dir.resolve("photos");
        Color[] colours = {Color.RED, Color.BLUE, Color.GREEN, Color.YELLOW, Color.CYAN, Color.MAGENTA, Color.ORANGE};
        for (int i = 0; i < colours.length; i++) {
            TestImages.solid(folder.resolve("p" + i + ".png"), colours[i]);
        }
        Files.writeString(folder.resolve("notes.txt"), "not an image");

        String[] result = run("bench", "embed", "--images", folder.toString(), "--model", tinyModel().toString(),
                "--count", "5", "--batch", "2");

        assertThat(result[0]).as(result[2]).isEqualTo("0");
        List<String> lines = result[1].lines().toList();
        Matcher m = LAST_LINE.matcher(lines.get(lines.size() - 1));
        assertThat(m.matches()).as(lines.get(lines.size() - 1)).isTrue();
        assertThat(Integer.parseInt(m.group(1))).isEqualTo(5);
        assertThat(Double.parseDouble(m.group(2))).isPositive();
        assertThat(Double.parseDouble(m.group(3))).isPositive();
        assertThat(result[1]).contains("tiny_cnn").contains("PyTorch");
    }

    @Test
    void anExplicitModelThatCannotLoadFailsLoudly() throws Exception {
        Path folder = dir.resolve("photos");
        TestImages.solid(folder.resolve("p.png"), Color.RED);
        String[] result = run("bench", "embed", "--images", folder.toString(), "--model", dir.resolve("missing.onnx").toString());
        assertThat(result[0]).isNotEqualTo("0");
        assertThat(result[2]).contains("missing.onnx");
        assertThat(result[1]).doesNotContain("embed images");
    }
}
