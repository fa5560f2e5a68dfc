package dev.pinwall.cli;

import dev.pinwall.testing.TestImages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.Color;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code pinwall bench search} derives vectors from a folder's embeddings and ends with its figures line. */
class BenchSearchCommandTest {
    private static final Pattern LAST_LINE = Pattern.compile("search size (\\d+) dim (\\d+) p50_ms (\\d+\\.\\d+) "
            + "p99_ms (\\d+\\.\\d+) recall10 (\\d\\.\\d{4}) exact_p50_ms (\\d+\\.\\d+) build_s (\\d+\\.\\d) heap_mb (\\d+)");

    @TempDir
    Path dir;

    private String[] args(String index) throws Exception {
        Path folder = dir.resolve("photos");
        if (!Files.isDirectory(folder)) {
            Color[] colours = {Color.RED, Color.BLUE, Color.GREEN, Color.YELLOW, Color.CYAN, Color.MAGENTA};
            for (int i = 0; i < colours.length; i++) {
                TestImages.solid(folder.resolve("p" + i + ".png"), colours[i]);
            }
            try (InputStream in = getClass().getResourceAsStream("/models/tiny_cnn.pt")) {
                Files.copy(in, dir.resolve("tiny_cnn.pt"));
            }
        }
        return new String[]{"bench", "search", "--images", folder.toString(), "--model", dir.resolve("tiny_cnn.pt").toString(),
                "--store", dir.resolve("store.db").toString(), "--size", "600", "--dim", "24", "--queries", "20",
                "--index", index};
    }

    private static Matcher figures(CliRun run) {
        assertThat(run.code()).as(run.err()).isZero();
        Matcher m = LAST_LINE.matcher(run.lastLine());
        assertThat(m.matches()).as(run.lastLine()).isTrue();
        assertThat(m.group(1)).isEqualTo("600");
        assertThat(m.group(2)).isEqualTo("24");
        assertThat(Double.parseDouble(m.group(3))).isPositive();
        assertThat(Double.parseDouble(m.group(4))).isGreaterThanOrEqualTo(Double.parseDouble(m.group(3)));
        assertThat(Double.parseDouble(m.group(6))).isPositive();
        assertThat(Long.parseLong(m.group(8))).isPositive();
        return m;
    }

    @Test
    void theGraphIsMeasuredAgainstTheExactScan() throws Exception {
        CliRun run = CliRun.of(args("hnsw"));
        Matcher m = figures(run);
        assertThat(Double.parseDouble(m.group(5))).isBetween(0.9, 1.0);
        assertThat(String.join("\n", run.out())).contains("index hnsw").contains("graph: max degree 16");
    }

    @Test
    void theExactScanAgreesWithItsScalarReference() throws Exception {
        CliRun run = CliRun.of(args("exact"));
        Matcher m = figures(run);
        assertThat(Double.parseDouble(m.group(5))).isGreaterThanOrEqualTo(0.99);
        assertThat(m.group(7)).isEqualTo("0.0");
        // Below the library's threshold, auto means the exact scan.
        assertThat(String.join("\n", CliRun.of(args("auto")).out())).contains("index exact");
    }

    @Test
    void theInt8IndexReScoresExactlyAndFindsTheExactNeighbours() throws Exception {
        CliRun run = CliRun.of(args("int8"));
        Matcher m = figures(run);
        assertThat(Double.parseDouble(m.group(5))).isGreaterThanOrEqualTo(0.99);
        assertThat(String.join("\n", run.out())).contains("index int8");
    }

    @Test
    void anUnknownIndexFailsLoudly() throws Exception {
        CliRun run = CliRun.of(args("annoy"));
        assertThat(run.code()).isNotZero();
        assertThat(run.err()).contains("--index must be exact, int8, hnsw or auto");
        assertThat(run.out()).noneMatch(line -> line.startsWith("search size"));
    }
}
