package dev.pinwall.embed;

import dev.pinwall.task.Cancellation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EmbeddingPipelineTest {
    @TempDir
    Path dir;

    /** Embeds an image as its top-left pixel's red value; refuses images whose red is exactly 13. */
    static final class PixelEmbedder implements Embedder {
        final AtomicInteger sessions = new AtomicInteger();
        final AtomicInteger calls = new AtomicInteger();

        @Override
        public EmbedderInfo info() {
            return new EmbedderInfo("pixel", "Pixel", 1, 1);
        }

        @Override
        public Session newSession() {
            sessions.incrementAndGet();
            return new Session() {
                @Override
                public float[][] embed(List<BufferedImage> images) throws EmbedException {
                    calls.incrementAndGet();
                    float[][] out = new float[images.size()][];
                    for (int i = 0; i < out.length; i++) {
                        int red = (images.get(i).getRGB(0, 0) >> 16) & 0xFF;
                        if (red == 13) {
                            throw new EmbedException("model rejects red 13");
                        }
                        out[i] = new float[]{red};
                    }
                    return out;
                }

                @Override
                public void close() {
                }
            };
        }

        @Override
        public void close() {
        }
    }

    private List<Path> images(int n) throws IOException {
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            BufferedImage image = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);
            image.setRGB(0, 0, (20 + i) << 16);
            Path file = dir.resolve(String.format("img%03d.png", i));
            ImageIO.write(image, "png", file.toFile());
            files.add(file);
        }
        return files;
    }

    @Test
    void embedsEveryFileInBatchesAcrossWorkers() throws Exception {
        List<Path> files = images(23);
        PixelEmbedder embedder = new PixelEmbedder();
        Map<Path, Float> seen = Collections.synchronizedMap(new HashMap<>());
        List<Integer> progress = Collections.synchronizedList(new ArrayList<>());

        new EmbeddingPipeline(embedder, new PipelineSettings(2, 5, 2)).run(files,
                (vectors, failures) -> vectors.forEach(e -> seen.put(e.file(), e.vector()[0])),
                (done, total) -> progress.add(done), Cancellation.none());

        assertThat(seen).hasSize(23);
        for (int i = 0; i < files.size(); i++) {
            assertThat(seen.get(files.get(i))).isEqualTo(20f + i);
        }
        assertThat(embedder.sessions.get()).isEqualTo(2);
        assertThat(progress).last().isEqualTo(23);
    }

    @Test
    void reportsEachBadFileOnceAndKeepsGoing() throws Exception {
        List<Path> files = new ArrayList<>(images(6));
        Path empty = Files.createFile(dir.resolve("empty.jpg"));
        Path text = Files.writeString(dir.resolve("notes.png"), "not an image at all");
        files.add(2, empty);
        files.add(text);
        Map<Path, String> failures = Collections.synchronizedMap(new HashMap<>());
        AtomicInteger failureReports = new AtomicInteger();
        AtomicInteger embedded = new AtomicInteger();

        new EmbeddingPipeline(new PixelEmbedder(), new PipelineSettings(1, 3, 1)).run(files, (vectors, failed) -> {
            embedded.addAndGet(vectors.size());
            failureReports.addAndGet(failed.size());
            failures.putAll(failed);
        }, Cancellation.none());

        assertThat(embedded.get()).isEqualTo(6);
        assertThat(failureReports.get()).isEqualTo(2);
        assertThat(failures).containsEntry(empty, "empty file (0 bytes)")
                .containsEntry(text, "not an image (unrecognised format)");
    }

    @Test
    void isolatesTheImageThatBreaksABatch() throws Exception {
        List<Path> files = images(8); // image 7 has red 27; make one with red 13
        BufferedImage poison = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);
        poison.setRGB(0, 0, 13 << 16);
        Path bad = dir.resolve("poison.png");
        ImageIO.write(poison, "png", bad.toFile());
        List<Path> all = new ArrayList<>(files);
        all.add(3, bad);
        Map<Path, String> failures = new HashMap<>();
        AtomicInteger embedded = new AtomicInteger();

        new EmbeddingPipeline(new PixelEmbedder(), new PipelineSettings(1, 4, 1)).run(all, (vectors, failed) -> {
            embedded.addAndGet(vectors.size());
            failures.putAll(failed);
        }, Cancellation.none());

        assertThat(embedded.get()).isEqualTo(8);
        assertThat(failures).containsOnlyKeys(bad).containsEntry(bad, "model rejects red 13");
    }

    @Test
    void cancellationStopsAfterTheBatchInFlight() throws Exception {
        List<Path> files = images(40);
        Cancellation cancel = new Cancellation();
        AtomicInteger batches = new AtomicInteger();
        AtomicInteger embedded = new AtomicInteger();

        new EmbeddingPipeline(new PixelEmbedder(), new PipelineSettings(1, 4, 1)).run(files, (vectors, failed) -> {
            embedded.addAndGet(vectors.size());
            if (batches.incrementAndGet() == 2) {
                cancel.cancel();
            }
            assertThat(failed).isEmpty();
        }, cancel);

        assertThat(batches.get()).isEqualTo(2);
        assertThat(embedded.get()).isEqualTo(8);
    }

    @Test
    void neverCallsTheSinkConcurrently() throws Exception {
        List<Path> files = images(30);
        AtomicBoolean inside = new AtomicBoolean();
        AtomicBoolean overlapped = new AtomicBoolean();

        new EmbeddingPipeline(new PixelEmbedder(), new PipelineSettings(3, 2, 2)).run(files, (vectors, failed) -> {
            if (!inside.compareAndSet(false, true)) {
                overlapped.set(true);
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            inside.set(false);
        }, Cancellation.none());

        assertThat(overlapped).isFalse();
    }

    @Test
    void rethrowsASinkFailure() throws Exception {
        List<Path> files = images(10);
        assertThatThrownBy(() -> new EmbeddingPipeline(new PixelEmbedder(), new PipelineSettings(2, 2, 1))
                .run(files, (v, f) -> {
                    throw new IllegalStateException("disk full");
                }, Cancellation.none()))
                .isInstanceOf(IllegalStateException.class).hasMessage("disk full");
    }
}
