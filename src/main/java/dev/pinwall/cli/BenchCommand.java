package dev.pinwall.cli;

import dev.pinwall.embed.EmbedBench;
import dev.pinwall.embed.Embedder;
import dev.pinwall.embed.ModelRegistry;
import dev.pinwall.embed.PipelineSettings;
import dev.pinwall.library.PinwallHome;
import dev.pinwall.search.VectorIndex;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Callable;

/** Prints throughput figures: end-to-end embedding and exact search at collection scale. */
@Command(name = "bench", mixinStandardHelpOptions = true, subcommands = {BenchEmbedCommand.class, BenchSearchCommand.class},
        description = {"Measure embedding throughput and search speed on this machine, and print the figures.",
                "Use 'bench embed' for one end-to-end and one inference-only figure with the default pipeline, 'bench search' for search at a given collection size."})
final class BenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--images", paramLabel = "DIR", description = "Embed the images of this folder (default: the bundled sample).")
    Path images;

    @Option(names = "--model", paramLabel = "M", description = "Embed with this model (default: the best available one).")
    String model;

    @Option(names = "--count", defaultValue = "800", description = "Embed this many images per run (default: ${DEFAULT-VALUE}).")
    int count;

    @Option(names = "--batches", split = ",", defaultValue = "1,16", description = "Try these batch sizes (default: ${DEFAULT-VALUE}).")
    List<Integer> batches;

    @Option(names = "--workers", split = ",", defaultValue = "1,2", description = "Try these numbers of inference workers (default: ${DEFAULT-VALUE}).")
    List<Integer> workers;

    @Option(names = "--rows", defaultValue = "44000", description = "Search among this many random vectors (default: ${DEFAULT-VALUE}).")
    int rows;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Path folder = images != null ? images : PinwallHome.sampleFolder();
        List<Path> files = EmbedBench.images(folder, count);
        ModelRegistry.Opened opened = ModelRegistry.discover(PinwallHome.modelDirs()).openChosen(model);
        opened.notes().forEach(note -> spec.commandLine().getErr().println("note: " + note));
        try (Embedder embedder = opened.embedder()) {
            out.printf(Locale.ROOT, "embedding: %s, %d images from %s, decode+preprocess+inference%n",
                    embedder.info().id(), files.size(), folder);
            EmbedBench.run(embedder, files.subList(0, Math.min(64, files.size())), PipelineSettings.defaults()); // warm-up
            out.println("batch workers images/s");
            for (int w : workers) {
                for (int b : batches) {
                    double rate = EmbedBench.run(embedder, files, new PipelineSettings(w, b, PipelineSettings.defaults().decodeThreads()));
                    out.printf(Locale.ROOT, "%5d %7d %8.1f%n", b, w, rate);
                    out.flush();
                }
            }
        }
        benchSearch(out);
        return 0;
    }

    /** Exact top-10 over {@code rows} random 1280-d vectors (the size of the Kaggle collection with MobileNetV2). */
    private void benchSearch(PrintWriter out) {
        int dimension = 1280;
        Random random = new Random(7);
        VectorIndex index = new VectorIndex(dimension, rows);
        float[] vector = new float[dimension];
        for (int r = 0; r < rows; r++) {
            for (int i = 0; i < dimension; i++) {
                vector[i] = (float) random.nextGaussian();
            }
            index.add(vector);
        }
        int queries = 50;
        for (int q = 0; q < 10; q++) {
            index.nearest(q, 10, r -> true, -1f); // warm-up
        }
        long start = System.nanoTime();
        for (int q = 0; q < queries; q++) {
            index.nearest(q, 10, r -> true, -1f);
        }
        double heapMillis = (System.nanoTime() - start) / 1e6 / queries;
        out.printf(Locale.ROOT, "search: %d x %d-d vectors, exact top-10 in one pass: %.1f ms/query%n",
                rows, dimension, heapMillis);
        out.printf(Locale.ROOT, "memory: index matrix %.0f MB%n", (double) rows * dimension * 4 / 1e6);
    }
}
