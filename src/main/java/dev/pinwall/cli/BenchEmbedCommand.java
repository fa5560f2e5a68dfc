package dev.pinwall.cli;

import dev.pinwall.decode.ImageDecoder;
import dev.pinwall.embed.EmbedBench;
import dev.pinwall.embed.Embedder;
import dev.pinwall.embed.ModelRegistry;
import dev.pinwall.embed.PipelineSettings;
import dev.pinwall.library.PinwallHome;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code pinwall bench embed}: end-to-end embedding throughput with the default pipeline, and the same engine and
 * settings on ready tensors. The last line is machine-readable:
 * {@code embed images <n> images_per_s <x> inference_only_images_per_s <y>}.
 */
@Command(name = "embed", mixinStandardHelpOptions = true,
        description = {"Measure how many images per second Pinwall embeds: end to end (decode, preprocess and "
                + "inference with the default pipeline) and on ready tensors (inference alone, same engine and settings).",
                "The last line reads: embed images N images_per_s X inference_only_images_per_s Y."})
final class BenchEmbedCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--images", paramLabel = "DIR", description = "Embed the images of this folder (default: the bundled sample).")
    Path images;

    @Option(names = "--model", paramLabel = "M", description = "Embed with this model: an id from 'pinwall models' or a model file (default: the default model).")
    String model;

    @Option(names = "--count", paramLabel = "N", defaultValue = "1000", description = "Embed the first N images of the folder, by file name, as the Python reference does (default: ${DEFAULT-VALUE}).")
    int count;

    @Option(names = "--workers", paramLabel = "W", description = "Use this many inference workers instead of the default (one per core).")
    Integer workers;

    @Option(names = "--batch", paramLabel = "B", description = "Form batches of this many images instead of the default (16).")
    Integer batch;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Path folder = images != null ? images : PinwallHome.sampleFolder();
        if (!Files.isDirectory(folder)) {
            throw new IllegalArgumentException("not a folder of images: " + folder);
        }
        List<Path> files = firstImages(folder, count);
        if (files.isEmpty()) {
            throw new IllegalArgumentException("no images in " + folder);
        }
        PipelineSettings d = PipelineSettings.defaults();
        PipelineSettings settings = new PipelineSettings(workers != null ? workers : d.workers(),
                batch != null ? batch : d.batchSize(), d.decodeThreads(), d.decodeMinSide());
        ModelRegistry registry = ModelRegistry.discover(PinwallHome.modelDirs());
        ModelRegistry.Opened opened = registry.openChosen(model);
        opened.notes().forEach(note -> spec.commandLine().getErr().println("note: " + note));
        try (Embedder embedder = opened.embedder()) {
            out.printf(Locale.ROOT, "model %s (%s), %d images from %s, %d workers x batch %d, %d decode threads, %d cores%n",
                    embedder.info().id(), engine(embedder), files.size(), folder, settings.workers(),
                    settings.batchSize(), settings.decodeThreads(), Runtime.getRuntime().availableProcessors());
            out.flush();
            // Warm-up: the first calls pay for graph optimisation and allocator growth.
            EmbedBench.run(embedder, files.subList(0, Math.min(files.size(), 2 * settings.workers() * settings.batchSize())),
                    settings);
            double endToEnd = EmbedBench.run(embedder, files, settings);
            List<BufferedImage> sample = new ArrayList<>();
            for (Path file : files.subList(0, Math.min(files.size(), settings.batchSize()))) {
                sample.add(ImageDecoder.decode(file, settings.decodeMinSide()));
            }
            double inferenceOnly = EmbedBench.inferenceOnly(embedder, sample, settings, files.size());
            out.printf(Locale.ROOT, "embed images %d images_per_s %.1f inference_only_images_per_s %.1f%n",
                    files.size(), endToEnd, inferenceOnly);
        }
        return 0;
    }

    /** The first images by name, as the Python reference picks them, so both measure the same files. */
    static List<Path> firstImages(Path folder, int count) throws java.io.IOException {
        try (var s = Files.list(folder)) {
            return s.filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).matches(".*\\.(jpe?g|png)$"))
                    .sorted().limit(Math.max(0, count)).toList();
        }
    }

    private static String engine(Embedder embedder) {
        return embedder instanceof dev.pinwall.embed.TorchScriptEmbedder t ? t.descriptor().engine() : "built in";
    }
}
