package dev.pinwall.embed;

import dev.pinwall.decode.ImageDecoder;
import dev.pinwall.library.PinwallHome;
import dev.pinwall.task.Cancellation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The overlapped pipeline (decoders filling a bounded queue while workers embed) gives the vectors of the plain
 * serial path, one file at a time, and never holds more decoded images than its settings allow.
 */
class PipelineOverlapTest {
    @TempDir
    Path dir;

    /** Photos of different sizes and content: random blobs of colour on a random background. */
    private List<Path> photos(int n) throws IOException {
        Random random = new Random(11);
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            BufferedImage image = new BufferedImage(120 + random.nextInt(200), 120 + random.nextInt(200),
                    BufferedImage.TYPE_INT_RGB);
            var g = image.createGraphics();
            g.setColor(new java.awt.Color(random.nextInt(0xFFFFFF)));
            g.fillRect(0, 0, image.getWidth(), image.getHeight());
            for (int k = 0; k < 6; k++) {
                g.setColor(new java.awt.Color(random.nextInt(0xFFFFFF)));
                g.fillOval(random.nextInt(image.getWidth()), random.nextInt(image.getHeight()), 30 + random.nextInt(90),
                        30 + random.nextInt(90));
            }
            g.dispose();
            Path file = dir.resolve(String.format("photo%03d.png", i));
            ImageIO.write(image, "png", file.toFile());
            files.add(file);
        }
        return files;
    }

    private static Map<Path, float[]> pipeline(Embedder embedder, List<Path> files, PipelineSettings settings) {
        Map<Path, float[]> out = new ConcurrentHashMap<>();
        new EmbeddingPipeline(embedder, settings).run(files, (vectors, failures) -> {
            assertThat(failures).isEmpty();
            vectors.forEach(v -> out.put(v.file(), v.vector()));
        }, Cancellation.none());
        return out;
    }

    /** The reference: decode a file, embed it alone, next file; no threads, no queue, no batches. */
    private static Map<Path, float[]> serial(Embedder embedder, List<Path> files, int decodeMinSide) throws Exception {
        Map<Path, float[]> out = new ConcurrentHashMap<>();
        try (Embedder.Session session = embedder.newSession()) {
            for (Path file : files) {
                out.put(file, session.embed(List.of(ImageDecoder.decode(file, decodeMinSide)))[0]);
            }
        }
        return out;
    }

    @Test
    void overlappedRunGivesTheSerialVectorsExactly() throws Exception {
        List<Path> files = photos(30);
        PipelineSettings settings = new PipelineSettings(2, 4, 2);
        try (Embedder embedder = new ColourTextureEmbedder()) {
            Map<Path, float[]> expected = serial(embedder, files, settings.decodeMinSide());
            Map<Path, float[]> actual = pipeline(embedder, files, settings);
            assertThat(actual.keySet()).containsExactlyInAnyOrderElementsOf(files);
            for (Path file : files) {
                assertThat(actual.get(file)).as(file.getFileName().toString()).containsExactly(expected.get(file));
            }
        }
    }

    @Test
    void overlappedRunGivesTheSerialVectorsWithTheBundledNetwork() throws Exception {
        List<Path> files = photos(10);
        PipelineSettings settings = new PipelineSettings(2, 3, 2);
        try (Embedder embedder = TorchScriptEmbedder.load(
                PinwallHome.install().resolve("models").resolve("mobilenet_v2_imagenet.json"))) {
            Map<Path, float[]> expected = serial(embedder, files, settings.decodeMinSide());
            Map<Path, float[]> actual = pipeline(embedder, files, settings);
            assertThat(actual.keySet()).containsExactlyInAnyOrderElementsOf(files);
            for (Path file : files) {
                // Batched convolutions may sum in another order than single ones: equal up to float rounding.
                assertThat(OnnxAgreementTest.cosine(actual.get(file), expected.get(file)))
                        .as(file.getFileName().toString()).isGreaterThan(0.99999);
            }
            // Each file got its own vector, not a neighbour's.
            assertThat(OnnxAgreementTest.cosine(actual.get(files.get(0)), expected.get(files.get(1)))).isLessThan(0.999);
        }
    }

    @Test
    void decodingWaitsForInferenceWhenTheQueueIsFull() throws Exception {
        List<Path> files = photos(60);
        PipelineSettings settings = new PipelineSettings(1, 2, 2);
        AtomicInteger embedded = new AtomicInteger();
        Embedder slow = new Embedder() {
            final ColourTextureEmbedder inner = new ColourTextureEmbedder();

            @Override
            public EmbedderInfo info() {
                return inner.info();
            }

            @Override
            public Session newSession() {
                Session session = inner.newSession();
                return new Session() {
                    @Override
                    public float[][] embed(List<BufferedImage> images) throws EmbedException {
                        try {
                            Thread.sleep(15); // inference much slower than decoding
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        return session.embed(images);
                    }

                    @Override
                    public void close() {
                        session.close();
                    }
                };
            }

            @Override
            public void close() {
                inner.close();
            }
        };
        EmbeddingPipeline pipeline = new EmbeddingPipeline(slow, settings);
        pipeline.run(files, (vectors, failures) -> embedded.addAndGet(vectors.size()), Cancellation.none());

        assertThat(embedded.get()).isEqualTo(files.size());
        assertThat(settings.maxHeldImages()).isEqualTo(2 * 2 + 2 + 2);
        assertThat(pipeline.peakHeldImages()).isBetween(settings.batchSize(), settings.maxHeldImages());
    }

    @Test
    void smallRunsGetSmallerBatchesSoEveryWorkerHasWork() {
        PipelineSettings settings = new PipelineSettings(2, 16, 1);
        assertThat(settings.batchSizeFor(1000)).isEqualTo(16);
        assertThat(settings.batchSizeFor(40)).isEqualTo(5);
        assertThat(settings.batchSizeFor(3)).isEqualTo(1);
    }

    @Test
    void defaultsFollowTheCores() {
        assertThat(PipelineSettings.forCores(2).workers()).isEqualTo(2);
        assertThat(PipelineSettings.forCores(8).workers()).isEqualTo(8);
        assertThat(PipelineSettings.forCores(1).decodeThreads()).isEqualTo(1);
        assertThat(PipelineSettings.forCores(8).decodeThreads()).isEqualTo(4);
        assertThat(PipelineSettings.defaults())
                .isEqualTo(PipelineSettings.forCores(Runtime.getRuntime().availableProcessors()));
    }
}
