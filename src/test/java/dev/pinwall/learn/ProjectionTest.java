package dev.pinwall.learn;

import dev.pinwall.embed.EmbedderInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class ProjectionTest {
    private static final EmbedderInfo MODEL = new EmbedderInfo("tiny", "Tiny model", 6, 2);

    @TempDir
    Path dir;

    private static Projection random(float keep, long seed) {
        Random random = new Random(seed);
        float[] mean = new float[6];
        float[] weights = new float[3 * 6];
        for (int i = 0; i < mean.length; i++) {
            mean[i] = random.nextFloat() * 0.1f;
        }
        for (int i = 0; i < weights.length; i++) {
            weights[i] = (float) random.nextGaussian();
        }
        return new Projection(MODEL.storeKey(), MODEL.displayName(), "articleType", "supcon", 40, 5, true, keep, mean,
                weights);
    }

    private static float[] vector(Random random) {
        float[] v = new float[6];
        for (int i = 0; i < v.length; i++) {
            v[i] = random.nextFloat();
        }
        return v;
    }

    private static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (double) a[i] * b[i];
        }
        return s;
    }

    @Test
    void savedProjectionLoadsBackAndProjectsTheSame() throws IOException {
        Projection projection = random(0.3f, 1);
        Path file = dir.resolve("sub/p.bin");
        projection.save(file);
        Projection loaded = Projection.load(file);

        assertThat(loaded.storeKey()).isEqualTo("tiny@p2");
        assertThat(loaded.summary()).isEqualTo(projection.summary());
        assertThat(loaded.keepOriginal()).isEqualTo(0.3f);
        assertThat(loaded.outputDimension()).isEqualTo(3 + 6);
        assertThat(loaded.fingerprint()).isEqualTo(projection.fingerprint());
        assertThat(random(0.3f, 2).fingerprint()).as("other weights").isNotEqualTo(projection.fingerprint());
        assertThat(projection.withKeepOriginal(0.5f).fingerprint()).as("another mix")
                .isNotEqualTo(projection.fingerprint());
        Random random = new Random(2);
        for (int i = 0; i < 5; i++) {
            float[] v = vector(random);
            assertThat(loaded.apply(v)).containsExactly(projection.apply(v));
        }
    }

    @Test
    void outputIsUnitLengthAndItsCosineMixesLearnedAndOriginalSimilarity() {
        Projection learnedOnly = random(0f, 3);
        Projection mixed = learnedOnly.withKeepOriginal(0.25f);
        Random random = new Random(4);
        float[] a = vector(random);
        float[] b = vector(random);
        assertThat(dot(mixed.apply(a), mixed.apply(a))).isCloseTo(1, within(1e-5));
        assertThat(learnedOnly.outputDimension()).isEqualTo(3);

        // By hand: prepared inputs (signed root, unit length, minus the mean) and the learned cosine.
        float[] pa = Projection.prepare(a, true, learnedOnly.mean());
        float[] pb = Projection.prepare(b, true, learnedOnly.mean());
        double original = dot(pa, pb) / Math.sqrt(dot(pa, pa) * dot(pb, pb));
        double learned = dot(learnedOnly.apply(a), learnedOnly.apply(b));
        assertThat(dot(mixed.apply(a), mixed.apply(b))).isCloseTo(0.75 * learned + 0.25 * original, within(1e-5));
    }

    @Test
    void refusesVectorsOfAnotherModel() {
        Projection projection = random(0f, 5);
        projection.requireModel(MODEL);
        assertThatThrownBy(() -> projection.requireModel(new EmbedderInfo("other", "Other model", 6, 2)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("learned for Tiny model (tiny@p2")
                .hasMessageContaining("Other model (other@p2");
        // Same model, other preprocessing: its vectors are not the ones the projection learned from.
        assertThatThrownBy(() -> projection.requireModel(new EmbedderInfo("tiny", "Tiny model", 6, 3)))
                .hasMessageContaining("tiny@p3");
    }

    @Test
    void refusesFilesThatAreNotWholeProjections() throws IOException {
        Path notOne = Files.writeString(dir.resolve("notes.txt"), "hello, this is not a projection at all");
        assertThatThrownBy(() -> Projection.load(notOne)).hasMessageContaining("not a Pinwall projection");
        assertThatThrownBy(() -> Projection.load(dir.resolve("missing.bin"))).hasMessageContaining("not found");

        Path good = dir.resolve("p.bin");
        random(0f, 6).save(good);
        byte[] bytes = Files.readAllBytes(good);
        Path cut = Files.write(dir.resolve("cut.bin"), Arrays.copyOf(bytes, bytes.length - 7));
        assertThatThrownBy(() -> Projection.load(cut)).hasMessageContaining("cut short");
    }
}
