package dev.pinwall.cli;

import dev.pinwall.eval.RetrievalEvaluator;
import dev.pinwall.eval.RetrievalScores;
import dev.pinwall.library.Library;
import dev.pinwall.library.Photo;
import dev.pinwall.metadata.LabelsCsv;
import dev.pinwall.library.RelatedQuery;
import dev.pinwall.search.Hit;
import dev.pinwall.similarity.SimilarityMode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
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

    @Option(names = "--label-column", defaultValue = "articleType", split = ",", paramLabel = "COLUMN[,COLUMN...]",
            description = "Label column; with several (e.g. articleType,baseColour) relevant means equal on all "
                    + "(default: ${DEFAULT-VALUE}).")
    List<String> labelColumns;

    @Option(names = "--k", defaultValue = "10", description = "Depth (default: ${DEFAULT-VALUE}).")
    int k;

    @Mixin
    StoreOption options;

    @Mixin
    SimilarityOptions similarity;

    /** File name to the joined labels of every column; files missing any of them are left out. */
    private Map<String, String> readLabels() throws java.io.IOException {
        Map<String, String> joined = null;
        for (String column : labelColumns) {
            Map<String, String> one = readLabels(column);
            if (joined == null) {
                joined = new java.util.LinkedHashMap<>(one);
            } else {
                joined.keySet().retainAll(one.keySet());
                joined.replaceAll((file, label) -> label + " | " + one.get(file));
            }
        }
        return joined;
    }

    /** File name to label, from a {@code file} column or, in Kaggle's styles.csv, an {@code id} column. */
    private Map<String, String> readLabels(String labelColumn) throws java.io.IOException {
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
        SimilarityMode mode = similarity.mode();
        Map<String, String> labelOfFile = readLabels();
        PrintWriter out = spec.commandLine().getOut();
        try (CommandContext context = CommandContext.open(options.model, options.store, spec.commandLine().getErr(),
                similarity.best());
             Library library = context.library(images)) {
            library.setSimilarityMode(mode);
            context.index(library);
            List<Photo> rows = new ArrayList<>();
            List<String> rowLabels = new ArrayList<>();
            int unlabelled = 0;
            for (Photo photo : library.photos()) {
                String label = labelOfFile.get(photo.name());
                if (label == null || label.isEmpty()) {
                    unlabelled++;
                } else if (library.isEmbedded(photo)) {
                    rows.add(photo);
                    rowLabels.add(label);
                }
            }
            if (unlabelled > 0) {
                spec.commandLine().getErr().println("note: " + unlabelled + " images have no label and are left out");
            }
            // Ranked as the wall ranks Related, among the labelled photos only.
            Map<Photo, Integer> rowOf = new HashMap<>();
            for (int r = 0; r < rows.size(); r++) {
                rowOf.put(rows.get(r), r);
            }
            RetrievalScores scores = RetrievalEvaluator.evaluate(rowLabels, k, (row, depth) ->
                    library.related(rows.get(row), RelatedQuery.top(depth).withFilter(rowOf::containsKey)).orElseThrow()
                            .stream().map(m -> new Hit(rowOf.get(m.photo()), m.score())).toList());
            out.printf(Locale.ROOT, "model %s%n", library.embedderInfo().id());
            out.printf(Locale.ROOT, "similarity %s%n", library.effectiveMode().name().toLowerCase(Locale.ROOT));
            out.printf(Locale.ROOT, "images %d labels %d%n", rowLabels.size(), rowLabels.stream().distinct().count());
            out.printf(Locale.ROOT, "P@5 %.4f%n", scores.precisionAt5());
            out.printf(Locale.ROOT, "P@%d %.4f%n", k, scores.precisionAtK());
            out.printf(Locale.ROOT, "mAP@%d %.4f%n", k, scores.mapAtK());
            out.println(scores.summaryLine());
            return 0;
        }
    }
}
