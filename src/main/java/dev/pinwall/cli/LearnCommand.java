package dev.pinwall.cli;

import dev.pinwall.learn.Projection;
import dev.pinwall.learn.ProjectionTrainer;
import dev.pinwall.learn.TrainingProgress;
import dev.pinwall.library.TrainingSet;
import dev.pinwall.library.Library;
import dev.pinwall.task.Cancellation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import java.util.function.Predicate;

@Command(name = "learn", mixinStandardHelpOptions = true, description = "Learn a projection of the model's vectors in which images with the same label "
        + "are close, from a labelled folder (images without a vector are embedded first). 'eval' and 'similar' use it "
        + "with --projection FILE.")
final class LearnCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--images", required = true, paramLabel = "DIR", description = "Folder of images.")
    Path images;

    @Option(names = "--labels", required = true, paramLabel = "CSV",
            description = "CSV with a 'file' column (or Kaggle's 'id') naming images in DIR, and the label column.")
    Path labels;

    @Option(names = "--label-column", defaultValue = "articleType", paramLabel = "COLUMN[,COLUMN...]",
            description = "Label column, or several joined (default: ${DEFAULT-VALUE}).")
    String labelColumn;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Where to write the projection.")
    Path out;

    @Option(names = "--method", defaultValue = "supcon", paramLabel = "lda|supcon",
            description = "supcon: a linear layer trained with a supervised contrastive loss, started from LDA; "
                    + "lda: shrinkage LDA alone, faster (default: ${DEFAULT-VALUE}).")
    String method;

    @Option(names = "--keep-original", defaultValue = "0.3", paramLabel = "W",
            description = "Share (0..1) of the original similarity kept beside the learned one, so that what the "
                    + "labels do not say (e.g. colour) still orders neighbours (default: ${DEFAULT-VALUE}).")
    float keepOriginal;

    @Mixin
    SplitOption split;

    @Mixin
    StoreOption options;

    @Override
    public Integer call() throws Exception {
        ProjectionTrainer.Settings settings = ProjectionTrainer.Settings.defaults()
                .withMethod(ProjectionTrainer.Method.parse(method)).withKeepOriginal(keepOriginal);
        Predicate<String> files = split.files();
        Map<String, String> labelOfFile = LabelFile.read(labels, images, labelColumn,
                note -> spec.commandLine().getErr().println("note: " + note));
        PrintWriter err = spec.commandLine().getErr();
        try (CommandContext context = CommandContext.open(options.model, options.store, err, false, images);
             Library library = context.library(images)) {
            context.index(library);
            TrainingSet set = TrainingSet.of(library, photo -> Optional.ofNullable(labelOfFile.get(photo.name())),
                    photo -> files.test(photo.name()));
            err.printf(Locale.ROOT, "learning from %d labelled images (%d labels)%n", set.size(),
                    set.labels().stream().distinct().count());
            err.flush();
            long started = System.nanoTime();
            Projection projection = ProjectionTrainer.train(set.vectors(), set.labels(), library.embedderInfo(),
                    labelColumn, settings, new ProgressLines(err), Cancellation.none());
            double seconds = (System.nanoTime() - started) / 1e9;
            projection.save(out);
            PrintWriter stdout = spec.commandLine().getOut();
            stdout.println(projection.summary());
            stdout.printf(Locale.ROOT, "projection %s images %d labels %d dims %d seconds %.1f%n", out,
                    projection.trainedOn(), projection.classes(), projection.outputDimension(), seconds);
            return 0;
        }
    }

    /** A line per stage and about every tenth of the contrastive steps. */
    private static final class ProgressLines implements Consumer<TrainingProgress> {
        private final PrintWriter err;
        private int lastTenth = -1;

        ProgressLines(PrintWriter err) {
            this.err = err;
        }

        @Override
        public void accept(TrainingProgress p) {
            int tenth = (int) Math.floor(p.fraction() * 10);
            if (p.done() == 0 || tenth == lastTenth && p.done() != p.total()) {
                return;
            }
            lastTenth = p.done() == p.total() ? -1 : tenth;
            err.printf(Locale.ROOT, "%s %d/%d%s%n", p.stage(), p.done(), p.total(),
                    Double.isNaN(p.loss()) ? "" : String.format(Locale.ROOT, "  loss %.4f", p.loss()));
            err.flush();
        }
    }
}
