package dev.pinwall.cli;

import dev.pinwall.eval.RetrievalEvaluator;
import dev.pinwall.eval.RetrievalScores;
import dev.pinwall.library.Library;
import dev.pinwall.library.Photo;
import dev.pinwall.metadata.LabelsCsv;
import dev.pinwall.search.VectorIndex;
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
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "eval", description = {
        "Measure retrieval quality on a labelled folder: every image whose label has more than k members is a query,",
        "and its neighbours count as relevant when they share its label."})
final class EvalCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--images", required = true, paramLabel = "DIR", description = "Folder of images.")
    Path images;

    @Option(names = "--labels", required = true, paramLabel = "CSV",
            description = "CSV with a 'file' column (or Kaggle's 'id') naming images in DIR, and the label column.")
    Path labels;

    @Option(names = "--label-column", defaultValue = "articleType", description = "Label column (default: ${DEFAULT-VALUE}).")
    String labelColumn;

    @Option(names = "--k", defaultValue = "10", description = "Depth (default: ${DEFAULT-VALUE}).")
    int k;

    @Mixin
    StoreOption options;

    /** File name to label, from a {@code file} column or, in Kaggle's styles.csv, an {@code id} column. */
    private Map<String, String> readLabels() throws java.io.IOException {
        try {
            return reportSkipped(LabelsCsv.read(labels, "file", labelColumn)).labels();
        } catch (java.io.IOException noFileColumn) {
            if (!java.nio.file.Files.isRegularFile(labels)) {
                throw noFileColumn; // missing or unreadable: trying another column would not help
            }
            Map<String, String> byId = reportSkipped(LabelsCsv.read(labels, "id", labelColumn)).labels();
            Map<String, String> byName = new java.util.HashMap<>();
            try (var files = java.nio.file.Files.list(images)) {
                files.forEach(f -> {
                    String name = f.getFileName().toString();
                    int dot = name.lastIndexOf('.');
                    String label = byId.get(dot > 0 ? name.substring(0, dot) : name);
                    if (label != null) {
                        byName.put(name, label);
                    }
                });
            }
            return byName;
        }
    }

    /** Rows that could not be read are counted, never dropped silently. */
    private LabelsCsv reportSkipped(LabelsCsv read) {
        if (read.skippedRows() > 0) {
            spec.commandLine().getErr().println("note: " + read.skippedRows() + " rows of " + labels
                    + " are malformed or lack a file name or label, and are left out");
        }
        return read;
    }

    @Override
    public Integer call() throws Exception {
        if (k < 1) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--k must be at least 1 (got " + k + ")");
        }
        Map<String, String> labelOfFile = readLabels();
        PrintWriter out = spec.commandLine().getOut();
        try (CommandContext context = CommandContext.open(options.model, options.store, spec.commandLine().getErr());
             Library library = context.library(images)) {
            context.index(library);
            VectorIndex index = new VectorIndex(library.embedderInfo().dimension(), labelOfFile.size());
            List<String> rowLabels = new ArrayList<>();
            int unlabelled = 0;
            for (Photo photo : library.photos()) {
                String label = labelOfFile.get(photo.name());
                if (label == null || label.isEmpty()) {
                    unlabelled++;
                    continue;
                }
                var vector = library.vector(photo);
                if (vector.isPresent()) {
                    index.add(vector.get());
                    rowLabels.add(label);
                }
            }
            if (unlabelled > 0) {
                spec.commandLine().getErr().println("note: " + unlabelled + " images have no label and are left out");
            }
            RetrievalScores scores = RetrievalEvaluator.evaluate(index, rowLabels, k);
            out.printf(Locale.ROOT, "model %s%n", library.embedderInfo().id());
            out.printf(Locale.ROOT, "images %d labels %d%n", rowLabels.size(), rowLabels.stream().distinct().count());
            out.printf(Locale.ROOT, "P@5 %.4f%n", scores.precisionAt5());
            out.printf(Locale.ROOT, "P@%d %.4f%n", k, scores.precisionAtK());
            out.printf(Locale.ROOT, "mAP@%d %.4f%n", k, scores.mapAtK());
            out.println(scores.summaryLine());
            return 0;
        }
    }
}
