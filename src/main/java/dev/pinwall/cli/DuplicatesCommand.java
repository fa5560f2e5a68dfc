package dev.pinwall.cli;

import dev.pinwall.duplicates.DuplicateFinder;
import dev.pinwall.library.Library;
import dev.pinwall.library.Photo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

@Command(name = "duplicates", mixinStandardHelpOptions = true, description = {
        "Print the groups of near-identical photos of a folder (the same shot re-encoded, resized, lightly cropped or"
                + " mirrored, and files with the same bytes), one group per line, its file names separated by tabs.",
        "Two photos are near-duplicates when the cosine of their model vectors reaches the threshold; a group is"
                + " every photo linked to another by that relation. The last line is"
                + " 'duplicates groups <groups> photos <photos in groups>'."})
final class DuplicatesCommand implements java.util.concurrent.Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "DIR", description = "The folder of photos.")
    Path folder;

    @Option(names = "--threshold", paramLabel = "T", description = "Cosine similarity from which two photos are"
            + " near-duplicates, in (0, 1] (default: " + DuplicateFinder.DEFAULT_THRESHOLD + ", calibrated for the"
            + " bundled MobileNetV2; another model may need another value).")
    Float threshold;

    @Mixin
    StoreOption options;

    @Override
    public Integer call() throws Exception {
        if (threshold != null && !(threshold > 0 && threshold <= 1)) {
            throw new ParameterException(spec.commandLine(), "--threshold must be in (0, 1] (got " + threshold + ")");
        }
        PrintWriter err = spec.commandLine().getErr();
        try (CommandContext context = CommandContext.open(options.model, options.store, err, false, folder);
             Library library = context.library(folder)) {
            context.index(library);
            float t = threshold != null ? threshold : DuplicateFinder.DEFAULT_THRESHOLD;
            if (threshold == null && !library.embedderInfo().id().startsWith("mobilenet_v2")) {
                err.println("note: the default threshold " + t + " was calibrated for MobileNetV2; with "
                        + library.embedderInfo().id() + " choose one with --threshold");
            }
            List<List<Photo>> groups = library.nearDuplicates(t).groups(t);
            PrintWriter out = spec.commandLine().getOut();
            int photos = 0;
            for (List<Photo> group : groups) {
                photos += group.size();
                out.println(group.stream().map(p -> SimilarCommand.escapeControls(name(library, p)))
                        .collect(Collectors.joining("\t")));
            }
            out.printf(Locale.ROOT, "duplicates groups %d photos %d%n", groups.size(), photos);
            return 0;
        }
    }

    /** The file's path under the folder (its name, unless it is in a subfolder). */
    private static String name(Library library, Photo photo) {
        Path path = photo.path();
        return path.startsWith(library.folder()) ? library.folder().relativize(path).toString() : path.toString();
    }
}
