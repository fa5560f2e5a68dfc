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

@Command(name = "eval", mixinStandardHelpOptions = true, description = {
        "Measure retrieval quality (P@5, P@k, mAP@k) on a folder of labelled images.",
        "Every image whose label has more than k members is a query, and its neighbours count as relevant when they"
                + " share its label."})
final class EvalCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--images", required = true, paramLabel = "DIR", description = "Evaluate the images of this folder.")
    Path images;

    @Option(names = "--labels", required = true, paramLabel = "CSV",
            description = "Read labels from this CSV: a 'file' column (or Kaggle's 'id') names the images in DIR.")
    Path labels;

    @Option(names = "--label-column", defaultValue = "articleType", description = "Take the label from this column (default: ${DEFAULT-VALUE}).")
    String labelColumn;

    @Option(names = "--k", defaultValue = "10", description = "Score the first k results of every query (default: ${DEFAULT-VALUE}).")
    int k;

    @Mixin
    StoreOption options;

    /** File name to label, from a {@code file} column or, in Kaggle's styles.csv, an {@code id} column. */
    private Map<String, String> readLabels() throws java.io.IOException {
        try {
            return LabelsCsv.read(labels, "file", labelColumn).labels();
        } catch (java.io.IOException noFileColumn) {
            Map<String, String> byId = LabelsCsv.read(labels, "id", labelColumn).labels();
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

    @Override
    public Integer call() throws Exception {
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
