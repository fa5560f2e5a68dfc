package dev.pinwall.cli;

import dev.pinwall.eval.RetrievalEvaluator;
import dev.pinwall.eval.RetrievalScores;
import dev.pinwall.eval.SuggestionEvaluator;
import dev.pinwall.learn.Projection;
import dev.pinwall.library.AutoLabels;
import dev.pinwall.library.Library;
import dev.pinwall.library.Photo;
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
import java.util.function.Predicate;

@Command(name = "eval", mixinStandardHelpOptions = true, description = {
        "Measure retrieval quality (P@5, P@k, mAP@k) on a folder of labelled images, and the accuracy of labels"
                + " suggested by a vote of each image's labelled neighbours (leave-one-out).",
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

    @Option(names = "--label-column", defaultValue = "articleType", paramLabel = "COLUMN[,COLUMN...]",
            description = "Take the label from this column, or from several separated by commas (a neighbour is"
                    + " relevant when all of them agree) (default: ${DEFAULT-VALUE}).")
    String labelColumn;

    @Option(names = "--k", defaultValue = "10", description = "Score the first k results of every query (default: ${DEFAULT-VALUE}).")
    int k;

    @Mixin
    StoreOption options;

    @Option(names = "--projection", paramLabel = "FILE", description = "Search in a projection made by 'pinwall learn'.")
    Path projectionFile;

    @Mixin
    SplitOption split;

    @Mixin
    SimilarityOptions similarity;

    @Override
    public Integer call() throws Exception {
        if (k < 1) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--k must be at least 1 (got " + k + ")");
        }
        SimilarityMode mode = similarity.mode();
        Map<String, String> labelOfFile = LabelFile.read(labels, images, labelColumn,
                note -> spec.commandLine().getErr().println("note: " + note));
        Predicate<String> files = split.files();
        Projection projection = projectionFile != null ? Projection.load(projectionFile) : null;
        PrintWriter out = spec.commandLine().getOut();
        try (CommandContext context = CommandContext.open(options.model, options.store, spec.commandLine().getErr(),
                similarity.best(), images);
             Library library = context.library(images)) {
            if (projection != null) {
                library.setProjection(projection); // refuses another model's projection
                spec.commandLine().getErr().println("projection: " + projection.summary());
            }
            library.setSimilarityMode(mode);
            context.index(library);
            List<Photo> rows = new ArrayList<>();
            List<String> rowLabels = new ArrayList<>();
            int unlabelled = 0;
            for (Photo photo : library.photos()) {
                if (!files.test(photo.name())) {
                    continue;
                }
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
            // Ranked as the wall ranks Related (through the projection, if any), among the labelled photos only.
            Map<Photo, Integer> rowOf = new HashMap<>();
            for (int r = 0; r < rows.size(); r++) {
                rowOf.put(rows.get(r), r);
            }
            RetrievalEvaluator.Ranking ranking = (row, depth) ->
                    library.related(rows.get(row), RelatedQuery.top(depth).withFilter(rowOf::containsKey))
                            .orElseThrow().stream().map(m -> new Hit(rowOf.get(m.photo()), m.score())).toList();
            RetrievalScores scores = RetrievalEvaluator.evaluate(rowLabels, k, ranking);
            // Each photo's label suggested by its labelled neighbours, as for a photo without labels.
            double suggested = SuggestionEvaluator.accuracy(rowLabels, AutoLabels.NEIGHBOURS, ranking);
            out.printf(Locale.ROOT, "model %s%n", library.embedderInfo().id());
            out.printf(Locale.ROOT, "similarity %s%s%n", library.effectiveMode().name().toLowerCase(Locale.ROOT),
                    projection != null ? " after projection" : "");
            out.printf(Locale.ROOT, "images %d labels %d%n", rowLabels.size(), rowLabels.stream().distinct().count());
            out.printf(Locale.ROOT, "P@5 %.4f%n", scores.precisionAt5());
            out.printf(Locale.ROOT, "P@%d %.4f%n", k, scores.precisionAtK());
            out.printf(Locale.ROOT, "mAP@%d %.4f%n", k, scores.mapAtK());
            out.printf(Locale.ROOT, "suggested %s accuracy %.4f (vote of %d neighbours, leave-one-out)%n",
                    labelColumn, suggested, AutoLabels.NEIGHBOURS);
            out.println(scores.summaryLine());
            return 0;
        }
    }
}
