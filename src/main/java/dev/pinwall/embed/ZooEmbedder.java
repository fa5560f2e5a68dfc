package dev.pinwall.embed;

import ai.djl.Application;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.util.Utils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import java.time.Duration;

/**
 * Backbones from DJL's PyTorch model zoo, for users who are online. DJL downloads them once into its cache
 * ({@code ~/.djl.ai} or {@code DJL_CACHE_DIR}). Offline and not cached, opening fails at once with a clear
 * reason instead of trying the network.
 */
public final class ZooEmbedder {
    /** A zoo entry we know how to use as an embedder. */
    public record ZooModelId(String id, String displayName, String artifactId, String layers) {
        /** The {@code djl://} address users can type. */
        public String url() {
            return "djl://ai.djl.pytorch/" + artifactId + (layers == null ? "" : "?layers=" + layers);
        }
    }

    private static final String GROUP = "ai.djl.pytorch";
    private static final Duration DOWNLOAD_LIMIT = Duration.ofMinutes(5);

    /** ResNet-18 embedding (512-d) and ResNet-50 (its 1000 ImageNet class scores as the vector). */
    public static final List<ZooModelId> KNOWN = List.of(
            new ZooModelId("zoo:resnet18_embedding", "ResNet-18 embedding (DJL zoo)", "resnet18_embedding", null),
            new ZooModelId("zoo:resnet50", "ResNet-50 (DJL zoo)", "resnet", "50"));

    private ZooEmbedder() {
    }

    /** Finds a known entry by id ({@code zoo:resnet50}), artifact name or {@code djl://} URL. */
    public static Optional<ZooModelId> find(String choice) {
        String c = choice.trim().toLowerCase(Locale.ROOT);
        return KNOWN.stream().filter(z -> z.id().equals(c) || z.id().equals("zoo:" + c) || z.url().equals(c)
                || (z.layers() == null && c.equals("djl://ai.djl.pytorch/" + z.artifactId()))).findFirst();
    }

    /** Whether the model already sits in DJL's local cache (a cheap file check, no network). */
    public static boolean isCached(ZooModelId model) {
        Path dir = Utils.getCacheDir().resolve("cache/repo/model/cv/image_classification/ai/djl/pytorch")
                .resolve(model.artifactId());
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.anyMatch(p -> p.getFileName().toString().endsWith(".pt"));
        } catch (java.io.IOException | java.io.UncheckedIOException e) {
            return false;
        }
    }

    /** Loads a zoo model; offline and uncached it fails immediately, online the download is time-limited. */
    public static TorchScriptEmbedder open(ZooModelId model) throws EmbedException {
        if (Utils.isOfflineMode() && !isCached(model)) {
            throw new EmbedException("zoo model " + model.artifactId() + " is not available offline (not in DJL's cache "
                    + Utils.getCacheDir() + "; connect once with offline mode off to download it)");
        }
        TorchScriptEmbedder.ensureThreadDefaults();
        Criteria.Builder<TensorBatch, float[][]> builder = Criteria.builder()
                .setTypes(TensorBatch.class, float[][].class)
                .optApplication(Application.CV.IMAGE_CLASSIFICATION)
                .optGroupId(GROUP)
                .optArtifactId(model.artifactId())
                .optEngine("PyTorch")
                .optTranslator(new BatchTranslator(0));
        if (model.layers() != null) {
            builder.optFilter("layers", model.layers()).optFilter("dataset", "imagenet");
        }
        Criteria<TensorBatch, float[][]> criteria = builder.build();
        // torchvision's ImageNet preprocessing for these backbones.
        ModelDescriptor d = new ModelDescriptor(model.id().replace(':', '-'), model.displayName(),
                Path.of(model.artifactId()), 224, 224, ModelDescriptor.ResizeMode.CENTER_CROP,
                new float[]{0.485f, 0.456f, 0.406f}, new float[]{0.229f, 0.224f, 0.225f}, 0, 0, 1);
        ExecutorService loader = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "pinwall-zoo-load");
            t.setDaemon(true);
            return t;
        });
        try {
            Future<ZooModel<TensorBatch, float[][]>> loading = loader.submit(criteria::loadModel);
            ZooModel<TensorBatch, float[][]> loaded = loading.get(DOWNLOAD_LIMIT.toSeconds(), TimeUnit.SECONDS);
            return TorchScriptEmbedder.fromModel(loaded, d);
        } catch (TimeoutException e) {
            throw new EmbedException("zoo model " + model.artifactId() + " did not download within "
                    + DOWNLOAD_LIMIT.toMinutes() + " minutes", e);
        } catch (ExecutionException e) {
            String reason = TorchScriptEmbedder.rootMessage(e);
            boolean network = e.getCause() != null && hasNetworkCause(e.getCause());
            throw new EmbedException("zoo model " + model.artifactId() + (network
                    ? " is not available offline (" + reason + ")" : " could not be loaded: " + reason), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EmbedException("loading zoo model " + model.artifactId() + " was interrupted", e);
        } finally {
            loader.shutdownNow();
        }
    }

    private static boolean hasNetworkCause(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof java.net.UnknownHostException || c instanceof java.net.ConnectException
                    || c instanceof java.net.SocketTimeoutException || c instanceof java.net.NoRouteToHostException) {
                return true;
            }
        }
        return false;
    }
}
