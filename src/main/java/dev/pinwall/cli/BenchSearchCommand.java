package dev.pinwall.cli;

import dev.pinwall.library.Library;
import dev.pinwall.library.Photo;
import dev.pinwall.library.PinwallHome;
import dev.pinwall.search.HnswIndex;
import dev.pinwall.search.SearchBench;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code pinwall bench search}: query latency, recall and build time of the search index at a given collection size,
 * on vectors derived from the embeddings of a real folder ({@link SearchBench}). The last line is machine-readable:
 * {@code search size <N> dim <D> p50_ms <a> p99_ms <b> recall10 <r> exact_p50_ms <c> build_s <s> heap_mb <m>}.
 */
@Command(name = "search", mixinStandardHelpOptions = true,
        description = {"Measure k-nearest search at collection scale: vectors derived from the embeddings of a folder "
                + "(mixed and perturbed, projected to --dim), queries timed against the chosen index, recall@10 "
                + "against an exact scalar scan timed in the same run.",
                "The last line reads: search size N dim D p50_ms A p99_ms B recall10 R exact_p50_ms C build_s S heap_mb M."})
final class BenchSearchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    StoreOption options;

    @Option(names = "--images", paramLabel = "DIR", description = "Derive the vectors from the embeddings of this folder (default: the bundled sample).")
    Path images;

    @Option(names = "--size", paramLabel = "N", required = true, description = "Search among N vectors.")
    int size;

    @Option(names = "--dim", paramLabel = "D", description = "Vector length (default: the model's; another length is reached by a fixed random projection).")
    Integer dimension;

    @Option(names = "--index", paramLabel = "KIND", defaultValue = "auto", description = "exact, int8 (codes + exact re-scoring), hnsw, or auto: the graph from "
            + HnswIndex.AUTO_FROM_ROWS + " rows on, as the library does (default: ${DEFAULT-VALUE}).")
    String index;

    @Option(names = "--queries", paramLabel = "Q", defaultValue = "100", description = "Time this many queries (default: ${DEFAULT-VALUE}).")
    int queries;

    @Option(names = "--max-degree", paramLabel = "M", description = "Graph: neighbours per row (default: "
            + "the library's, 16).")
    Integer maxDegree;

    @Option(names = "--build-beam", paramLabel = "B", description = "Graph: beam width while building (default: the library's, 100).")
    Integer buildBeam;

    @Option(names = "--width", paramLabel = "W", description = "Graph: candidates kept while searching (default: the library's, 400).")
    Integer width;

    @Override
    public Integer call() throws Exception {
        SearchBench.Kind kind = switch (index.toLowerCase(Locale.ROOT)) {
            case "exact" -> SearchBench.Kind.EXACT;
            case "int8" -> SearchBench.Kind.INT8;
            case "hnsw" -> SearchBench.Kind.HNSW;
            case "auto" -> SearchBench.Kind.AUTO;
            default -> throw new IllegalArgumentException("--index must be exact, int8, hnsw or auto, not " + index);
        };
        if (size < 10 || queries < 1 || dimension != null && dimension < 2) {
            throw new IllegalArgumentException("need --size of at least 10, --queries of at least 1 and --dim of at least 2");
        }
        HnswIndex.Settings d = HnswIndex.Settings.DEFAULT;
        HnswIndex.Settings settings = new HnswIndex.Settings(maxDegree != null ? maxDegree : d.maxDegree(),
                buildBeam != null ? buildBeam : d.buildBeam(), d.alpha(), width != null ? width : d.searchWidth());
        PrintWriter out = spec.commandLine().getOut();
        Path folder = images != null ? images : PinwallHome.sampleFolder();
        List<float[]> sources = new ArrayList<>();
        try (CommandContext context = CommandContext.open(options.model, options.store, spec.commandLine().getErr(), false, null);
             Library library = context.library(folder)) {
            context.index(library);
            for (Photo photo : library.photos()) {
                Optional<float[]> vector = library.vector(photo);
                vector.ifPresent(sources::add);
            }
        }
        if (sources.size() < 2) {
            throw new IllegalArgumentException("need at least 2 embedded images in " + folder + ", found " + sources.size());
        }
        SearchBench.Figures figures = SearchBench.run(sources, size, dimension != null ? dimension : sources.get(0).length,
                kind, queries, settings, out);
        out.printf(Locale.ROOT, "%s: p50 %.2f ms, p99 %.2f ms, recall@10 %.4f; scalar exact scan p50 %.2f ms (%.1fx); "
                        + "heap %.0f MB%n", figures.index().name().toLowerCase(Locale.ROOT), figures.p50Ms(),
                figures.p99Ms(), figures.recall10(), figures.exactP50Ms(), figures.exactP50Ms() / figures.p50Ms(),
                figures.heapMb());
        out.println(figures.line());
        return 0;
    }
}
