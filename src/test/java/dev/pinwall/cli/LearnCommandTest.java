package dev.pinwall.cli;

import dev.pinwall.learn.Projection;
import dev.pinwall.testing.TestImages;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.Color;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class LearnCommandTest {
    @TempDir
    Path dir;

    private Path folder;
    private Path store;
    private Path labels;

    private static CliRun run(String... args) {
        return CliRun.of(args);
    }

    /** Four colour families of three shades each, labelled by family. */
    @BeforeEach
    void setUp() throws Exception {
        folder = dir.resolve("photos");
        store = dir.resolve("store.db");
        int[][] bases = {{220, 30, 30}, {30, 30, 220}, {30, 200, 40}, {230, 220, 20}};
        String[] names = {"red", "blue", "green", "yellow"};
        StringBuilder csv = new StringBuilder("file,label,colour\n");
        int n = 0;
        for (int family = 0; family < bases.length; family++) {
            for (int shade = 0; shade < 3; shade++) {
                int[] c = bases[family];
                n++;
                TestImages.solid(folder.resolve(n + ".png"), new Color(Math.min(255, c[0] + shade * 12),
                        Math.min(255, c[1] + shade * 9), Math.min(255, c[2] + shade * 7)));
                csv.append(n).append(".png,").append(names[family]).append(',').append(shade == 0 ? "dark" : "light")
                        .append('\n');
            }
        }
        labels = Files.writeString(dir.resolve("labels.csv"), csv);
    }

    private CliRun learn(Path out, String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of("learn", "--images", folder.toString(), "--labels",
                labels.toString(), "--label-column", "label", "--model", "builtin", "--store", store.toString(),
                "--out", out.toString()));
        args.addAll(List.of(extra));
        return run(args.toArray(String[]::new));
    }

    @Test
    void learnWritesAProjectionThatEvalAndSimilarUse() throws Exception {
        Path file = dir.resolve("colours.projection");
        CliRun learned = learn(file);
        assertThat(learned.code()).as(learned.err()).isZero();
        assertThat(learned.lastLine()).matches("projection .*colours\\.projection images 12 labels 4 dims \\d+ seconds \\d+\\.\\d");
        Projection projection = Projection.load(file);
        assertThat(projection.storeKey()).startsWith("builtin");
        assertThat(projection.trainedOn()).isEqualTo(12);
        assertThat(projection.method()).isEqualTo("supcon");

        CliRun eval = run("eval", "--images", folder.toString(), "--labels", labels.toString(), "--label-column", "label",
                "--k", "1", "--model", "builtin", "--store", store.toString(), "--projection", file.toString());
        assertThat(eval.code()).as(eval.err()).isZero();
        assertThat(eval.err()).contains("projection: supcon projection");
        // ranked by the library through the projection (12 photos: too few for the collection fit)
        assertThat(eval.out()).contains("similarity plain after projection");
        assertThat(eval.lastLine()).matches("P@1 [01]\\.\\d{4} mAP@1 [01]\\.\\d{4} queries 12");

        CliRun similar = run("similar", folder.resolve("1.png").toString(), "--k", "3", "--model", "builtin",
                "--store", store.toString(), "--projection", file.toString());
        assertThat(similar.code()).as(similar.err()).isZero();
        assertThat(similar.out()).hasSize(3).noneMatch(line -> line.endsWith("/1.png"));
        assertThat(similar.out().get(0)).matches(" 1  [01]\\.\\d{4}  .*/[23]\\.png\\s*");
    }

    @Test
    void ldaMethodAndSeveralLabelColumns() throws Exception {
        Path file = dir.resolve("lda.projection");
        CliRun learned = learn(file, "--method", "lda");
        assertThat(learned.code()).as(learned.err()).isZero();
        assertThat(Projection.load(file).method()).isEqualTo("lda");

        // Relevant only when family and shade agree: 4 families x {1 dark, 2 light}; only light pairs are queries.
        CliRun eval = run("eval", "--images", folder.toString(), "--labels", labels.toString(), "--label-column",
                "label,colour", "--k", "1", "--model", "builtin", "--store", store.toString());
        assertThat(eval.code()).as(eval.err()).isZero();
        assertThat(eval.out()).contains("images 12 labels 8");
        assertThat(eval.lastLine()).endsWith("queries 8");
    }

    @Test
    void aProjectionForAnotherModelIsRefusedWithAClearMessage() throws Exception {
        Path file = dir.resolve("other.projection");
        new Projection("mobilenet_v2_imagenet@p1", "MobileNetV2", "articleType", "lda", 10, 2, true, 0f,
                new float[320], new float[320 * 2]).save(file);
        CliRun eval = run("eval", "--images", folder.toString(), "--labels", labels.toString(), "--label-column", "label",
                "--k", "1", "--model", "builtin", "--store", store.toString(), "--projection", file.toString());
        assertThat(eval.code()).isEqualTo(1);
        assertThat(eval.err()).contains("error: the projection was learned for MobileNetV2 (mobilenet_v2_imagenet@p1")
                .doesNotContain("Exception");
        assertThat(eval.out()).isEmpty();

        CliRun similar = run("similar", folder.resolve("1.png").toString(), "--model", "builtin",
                "--store", store.toString(), "--projection", file.toString());
        assertThat(similar.code()).isEqualTo(1);
        assertThat(similar.err()).contains("learned for MobileNetV2");
    }

    @Test
    void aSplitKeepsOneHalfAndNeedsBothOptions() {
        CliRun half = run("eval", "--images", folder.toString(), "--labels", labels.toString(), "--label-column", "label",
                "--k", "1", "--model", "builtin", "--store", store.toString(), "--split-seed", "3", "--fold", "0");
        CliRun other = run("eval", "--images", folder.toString(), "--labels", labels.toString(), "--label-column", "label",
                "--k", "1", "--model", "builtin", "--store", store.toString(), "--split-seed", "3", "--fold", "1");
        assertThat(half.code()).as(half.err()).isZero();
        assertThat(other.code()).as(other.err()).isZero();
        int inHalf = imagesOf(half);
        int inOther = imagesOf(other);
        assertThat(inHalf + inOther).isEqualTo(12);
        assertThat(inHalf).isBetween(1, 11);

        CliRun alone = learn(dir.resolve("x.projection"), "--split-seed", "3");
        assertThat(alone.code()).isNotZero();
        assertThat(alone.err()).contains("--split-seed and --fold go together");
    }

    /** The count on eval's {@code images N labels M} line. */
    private static int imagesOf(CliRun run) {
        return Integer.parseInt(run.out().stream().filter(l -> l.startsWith("images ")).findFirst().orElseThrow()
                .split(" ")[1]);
    }
}
