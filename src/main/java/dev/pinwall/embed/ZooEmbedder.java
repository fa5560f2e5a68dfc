package dev.pinwall.embed;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Backbones from DJL's PyTorch model zoo. They are downloaded only when the user asks ({@link ZooDownloader}), into
 * DJL's cache ({@code ~/.djl.ai} or {@code DJL_CACHE_DIR}); opening one reads that cache and never the network, so
 * a model that is not downloaded fails at once with a clear reason.
 */
public final class ZooEmbedder {
    /**
     * A zoo entry we know how to use as an embedder.
     *
     * @param id            what users pick ({@code zoo:resnet50})
     * @param displayName   what lists show
     * @param artifactId    the artifact in DJL's {@code ai.djl.pytorch} image-classification zoo
     * @param filter        the artifact properties that select one variant (e.g. {@code layers=50}), or empty
     * @param downloadBytes the size the zoo publishes for its files, shown before the metadata is fetched
     */
    public record ZooModelId(String id, String displayName, String artifactId, Map<String, String> filter,
                             long downloadBytes) {
        public ZooModelId {
            filter = Map.copyOf(filter);
        }

        /** The {@code djl://} address users can type. */
        public String url() {
            return "djl://" + ZooDownloader.GROUP + "/" + artifactId + (filter.isEmpty() ? "" : "?"
                    + new TreeMap<>(filter).entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining("&")));
        }
    }

    /**
     * ResNet-18 embedding (512-d) and ResNet-50 (its 1000 ImageNet class scores as the vector). Sizes are those of
     * DJL 0.36's zoo metadata (resnet18_embedding.zip; traced_resnet50.pt.gz plus synset.txt).
     */
    public static final List<ZooModelId> KNOWN = List.of(
            new ZooModelId("zoo:resnet18_embedding", "ResNet-18 embedding (DJL zoo)", "resnet18_embedding",
                    Map.of(), 41_574_720L),
            new ZooModelId("zoo:resnet50", "ResNet-50 (DJL zoo)", "resnet",
                    Map.of("layers", "50", "dataset", "imagenet"), 95_229_629L + 31_675L));

    private ZooEmbedder() {
    }

    /** Finds a known entry by id ({@code zoo:resnet50}), artifact name or {@code djl://} URL. */
    public static Optional<ZooModelId> find(String choice) {
        return find(KNOWN, choice);
    }

    /** Finds an entry of a list by id, artifact name or {@code djl://} URL. */
    public static Optional<ZooModelId> find(List<ZooModelId> models, String choice) {
        String c = choice.trim().toLowerCase(Locale.ROOT);
        return models.stream().filter(z -> z.id().equals(c) || z.id().equals("zoo:" + c) || z.url().equals(c)
                || (z.filter().isEmpty() && c.equals("djl://" + ZooDownloader.GROUP + "/" + z.artifactId()))).findFirst();
    }

    /** Whether the model is fully downloaded into DJL's cache (a cheap file check, no network). */
    public static boolean isCached(ZooModelId model) {
        return ZooDownloader.standard().isCached(model);
    }

    /** Opens a model from DJL's cache; fails at once, without the network, when it has not been downloaded. */
    public static TorchScriptEmbedder open(ZooModelId model) throws EmbedException {
        return open(model, ZooDownloader.standard());
    }

    /** Opens a model from the downloader's cache; fails at once when it has not been downloaded. */
    public static TorchScriptEmbedder open(ZooModelId model, ZooDownloader zoo) throws EmbedException {
        Path dir = zoo.cachedModel(model).orElseThrow(() -> new EmbedException("zoo model " + model.id()
                + " is not downloaded (" + ZooDownloader.formatBytes(zoo.downloadBytes(model))
                + "); download it with `pinwall models download " + model.id() + "` or from the model selector"));
        Path file = modelFile(dir).orElseThrow(() -> new EmbedException("zoo model " + model.id()
                + ": no TorchScript (.pt) file in its download " + dir));
        // torchvision's ImageNet preprocessing for these backbones.
        ModelDescriptor d = new ModelDescriptor(model.id().replace(':', '-'), model.displayName(), file, 224, 224,
                ModelDescriptor.ResizeMode.CENTER_CROP, new float[]{0.485f, 0.456f, 0.406f},
                new float[]{0.229f, 0.224f, 0.225f}, 0, 0, 1);
        return TorchScriptEmbedder.load(d);
    }

    /** The artifact's {@code <folder name>.pt} as DJL would pick it, else the only {@code .pt} file in the download. */
    private static Optional<Path> modelFile(Path dir) {
        Path named = dir.resolve(dir.getFileName() + ".pt");
        if (Files.isRegularFile(named)) {
            return Optional.of(named);
        }
        try (Stream<Path> files = Files.walk(dir)) {
            List<Path> pts = files.filter(p -> Files.isRegularFile(p)
                    && p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".pt")).toList();
            return pts.size() == 1 ? Optional.of(pts.get(0)) : Optional.empty();
        } catch (IOException | UncheckedIOException e) {
            return Optional.empty();
        }
    }
}
