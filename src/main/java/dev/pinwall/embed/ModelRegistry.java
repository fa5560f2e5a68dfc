package dev.pinwall.embed;

import dev.pinwall.task.Cancellation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The embedders on offer: TorchScript and ONNX files (with or without descriptors) found in model folders, known DJL
 * zoo models, and the built-in colour/texture descriptor. Opens a choice, or the best available one with
 * notes saying what was skipped and why. Zoo models are downloaded only by {@link #download}, never as a side
 * effect of listing or opening.
 */
public final class ModelRegistry {
    public static final String BUILT_IN_ID = "builtin";

    /**
     * The engine that runs a network found both as {@code NAME.pt} and {@code NAME.onnx}: ONNX Runtime, measured
     * faster end to end on this pipeline (docs/ARCHITECTURE.md, "Throughput choices"). {@code -Dpinwall.engine=PyTorch}
     * (or {@code OnnxRuntime}) overrides it; a model chosen by its file path always runs on that file's engine.
     */
    public static String preferredEngine() {
        String chosen = System.getProperty("pinwall.engine", ModelDescriptor.ONNX_RUNTIME);
        return chosen.equalsIgnoreCase(ModelDescriptor.PYTORCH) || chosen.equalsIgnoreCase("torch")
                ? ModelDescriptor.PYTORCH : ModelDescriptor.ONNX_RUNTIME;
    }

    private final List<Path> modelDirs;
    private final Map<String, ModelDescriptor> files;
    private final Map<String, String> invalid;
    private final ZooDownloader zoo;
    private final List<ZooEmbedder.ZooModelId> zooModels;

    /** What {@link #openDefault()} or {@link #openChosen} opened, with user-facing notes about every fallback taken. */
    public record Opened(Embedder embedder, List<String> notes) {
    }

    private ModelRegistry(List<Path> modelDirs, Map<String, ModelDescriptor> files, Map<String, String> invalid,
                          ZooDownloader zoo, List<ZooEmbedder.ZooModelId> zooModels) {
        this.modelDirs = List.copyOf(modelDirs);
        this.files = files;
        this.invalid = Map.copyOf(invalid);
        this.zoo = zoo;
        this.zooModels = List.copyOf(zooModels);
    }

    /**
     * Scans folders (missing ones are skipped) for {@code .pt} files and descriptors. A descriptor takes the
     * place of the bare model file it names; unreadable descriptors are listed as unavailable. Offers the
     * {@linkplain ZooEmbedder#KNOWN known zoo models} from {@linkplain ZooDownloader#standard() DJL's repository}.
     */
    public static ModelRegistry discover(List<Path> modelDirs) {
        return discover(modelDirs, ZooDownloader.standard(), ZooEmbedder.KNOWN);
    }

    /** As {@link #discover(List)}, with the given zoo repository and zoo models. */
    public static ModelRegistry discover(List<Path> modelDirs, ZooDownloader zoo,
                                         List<ZooEmbedder.ZooModelId> zooModels) {
        Map<String, ModelDescriptor> found = new LinkedHashMap<>();
        Map<String, String> invalid = new LinkedHashMap<>();
        for (Path dir : modelDirs) {
            if (!Files.isDirectory(dir)) {
                continue;
            }
            List<Path> entries;
            try (Stream<Path> s = Files.list(dir)) {
                entries = s.filter(Files::isRegularFile).sorted().toList();
            } catch (IOException e) {
                continue;
            }
            List<Path> describedModels = new ArrayList<>();
            for (Path p : entries) {
                if (lower(p).endsWith(".json") && ModelDescriptor.looksLikeDescriptor(p)) {
                    try {
                        ModelDescriptor d = ModelDescriptor.read(p);
                        if (!found.containsKey(d.id())) {
                            found.put(d.id(), d);
                        }
                        describedModels.add(d.modelFile());
                    } catch (EmbedException e) {
                        // Listed as unavailable with the reason; never fatal, and the bare .pt beside it is not
                        // used in its place, since the descriptor says that model needs other preprocessing.
                        String id = ModelDescriptor.stem(p);
                        if (!found.containsKey(id)) {
                            found.put(id, null);
                            invalid.put(id, e.getMessage());
                        }
                    }
                }
            }
            for (Path p : entries) {
                if (lower(p).endsWith(".pt") && !describedModels.contains(p.toAbsolutePath().normalize())) {
                    ModelDescriptor d = ModelDescriptor.defaultsFor(p);
                    if (!found.containsKey(d.id())) { // not putIfAbsent: it would replace an invalid entry (null)
                        found.put(d.id(), d);
                    }
                }
            }
            for (Path p : entries) {
                if (!lower(p).endsWith(".onnx") || describedModels.contains(p.toAbsolutePath().normalize())) {
                    continue;
                }
                ModelDescriptor twin = twinOf(found, p);
                if (twin == null) {
                    ModelDescriptor d = ModelDescriptor.defaultsFor(p);
                    found.putIfAbsent(d.id(), d);
                } else if (preferredEngine().equals(ModelDescriptor.ONNX_RUNTIME)) {
                    // The same network in both forms: one entry, run on the faster engine.
                    found.put(twin.id(), twin.withModelFile(p.toAbsolutePath().normalize()));
                }
            }
        }
        return new ModelRegistry(modelDirs, found, invalid, zoo, zooModels);
    }

    /** The entry whose {@code .pt} file has the same name as this {@code .onnx} file in the same folder, if any. */
    private static ModelDescriptor twinOf(Map<String, ModelDescriptor> found, Path onnx) {
        Path pt = onnx.toAbsolutePath().normalize().resolveSibling(ModelDescriptor.stem(onnx) + ".pt");
        for (ModelDescriptor d : found.values()) {
            if (d != null && d.modelFile().toAbsolutePath().normalize().equals(pt)) {
                return d;
            }
        }
        return null;
    }

    /** Model files first, then zoo models, then the built-in descriptor. */
    public List<ModelOption> options() {
        List<ModelOption> out = new ArrayList<>();
        files.forEach((id, d) -> out.add(d == null
                ? new ModelOption(id, ModelDescriptor.displayName(id), ModelOption.Kind.MODEL_FILE, false,
                        invalid.getOrDefault(id, "invalid model descriptor " + id + ".json"), id + ".json")
                : new ModelOption(id, d.displayName(), ModelOption.Kind.MODEL_FILE, Files.isReadable(d.modelFile()),
                        Files.isReadable(d.modelFile()) ? null : "model file missing: " + d.modelFile(),
                        d.modelFile().toString())));
        for (ZooEmbedder.ZooModelId z : zooModels) {
            boolean cached = zoo.isCached(z);
            long bytes = zoo.downloadBytes(z);
            out.add(new ModelOption(z.id(), z.displayName(), ModelOption.Kind.ZOO, cached,
                    cached ? null : "zoo model not downloaded yet (" + ZooDownloader.formatBytes(bytes) + ")", z.url(),
                    !cached, bytes));
        }
        out.add(new ModelOption(BUILT_IN_ID, "Built-in colour/texture descriptor", ModelOption.Kind.BUILT_IN, true,
                null, BUILT_IN_ID));
        return out;
    }

    /**
     * Opens a choice: an option id, a path to a {@code .pt}, {@code .onnx} or descriptor, {@code builtin}, or a zoo
     * id/URL.
     */
    public Embedder open(String choice) throws EmbedException {
        String c = choice.trim();
        if (c.equalsIgnoreCase(BUILT_IN_ID) || c.equals(ColourTextureEmbedder.ID)) {
            return new ColourTextureEmbedder();
        }
        if (files.containsKey(c)) {
            ModelDescriptor d = files.get(c);
            if (d == null) {
                throw new EmbedException(invalid.getOrDefault(c, "model descriptor " + c + ".json is invalid"));
            }
            return TorchScriptEmbedder.load(d);
        }
        Optional<ZooEmbedder.ZooModelId> zooModel = ZooEmbedder.find(zooModels, c);
        if (zooModel.isPresent()) {
            return ZooEmbedder.open(zooModel.get(), zoo);
        }
        if (c.startsWith("djl://") || c.startsWith("zoo:")) {
            throw unknownZooModel(c);
        }
        Path path = Path.of(c);
        String name = lower(path);
        boolean modelName = name.endsWith(".pt") || name.endsWith(".onnx") || name.endsWith(".json");
        if (modelName || Files.exists(path)) {
            if (!Files.exists(path)) {
                throw new EmbedException("model file not found: " + path);
            }
            if (!modelName) {
                throw new EmbedException("not a model file (expected .pt, .onnx or a .json descriptor): " + path);
            }
            return TorchScriptEmbedder.load(path);
        }
        throw new EmbedException("unknown model " + c + " (choose one of: "
                + options().stream().map(ModelOption::id).toList() + ")");
    }

    /**
     * Downloads a zoo model into the cache (nothing happens if it is there already), reporting progress, so that
     * {@link #open} can use it. Blocks: call off the UI thread.
     *
     * @throws EmbedException when the id is not a zoo model, or the download fails, is corrupt or is cancelled
     */
    public Path download(String id, DownloadListener listener, Cancellation cancellation) throws EmbedException {
        ZooEmbedder.ZooModelId model = ZooEmbedder.find(zooModels, id).orElseThrow(() -> id.startsWith("zoo:")
                || id.startsWith("djl://") ? unknownZooModel(id)
                : new EmbedException("model " + id + " is not a zoo model, so there is nothing to download"));
        return zoo.download(model, listener, cancellation);
    }

    /** The repository zoo models are downloaded from. */
    public ZooDownloader zoo() {
        return zoo;
    }

    private EmbedException unknownZooModel(String choice) {
        return new EmbedException("unknown zoo model " + choice + " (known: "
                + zooModels.stream().map(ZooEmbedder.ZooModelId::id).toList() + ")");
    }

    /**
     * The model the user named, which loads or fails ({@link #open}); with {@code null}, {@link #openDefault()}.
     * A named model is never replaced by another one.
     */
    public Opened openChosen(String chosenOrNull) throws EmbedException {
        return chosenOrNull != null ? new Opened(open(chosenOrNull), List.of()) : openDefault();
    }

    /**
     * The default: the first model file, else the built-in descriptor. Never fails: each step that does not work
     * adds a note and the next one is tried. Zoo models are opened only when chosen (and downloaded), so starting
     * up never depends on the zoo.
     */
    public Opened openDefault() {
        List<String> notes = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        for (ModelOption o : options()) {
            if (o.kind() != ModelOption.Kind.MODEL_FILE) {
                continue;
            }
            if (!o.available()) {
                failed.add("model " + o.id() + " could not be loaded: " + o.reason());
                continue;
            }
            try {
                Embedder e = open(o.id());
                failed.forEach(f -> notes.add(f + "; using " + e.info().displayName()));
                return new Opened(e, notes);
            } catch (EmbedException ex) {
                failed.add("model " + o.id() + " could not be loaded: " + ex.getMessage());
            }
        }
        ColourTextureEmbedder builtIn = new ColourTextureEmbedder();
        String using = "; using " + builtIn.info().displayName().toLowerCase(Locale.ROOT);
        failed.forEach(f -> notes.add(f + using));
        if (files.isEmpty()) {
            notes.add("no model files found in " + modelDirs + using);
        }
        return new Opened(builtIn, notes);
    }

    private static String lower(Path p) {
        return p.getFileName() == null ? "" : p.getFileName().toString().toLowerCase(Locale.ROOT);
    }
}
