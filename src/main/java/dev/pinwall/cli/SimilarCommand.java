package dev.pinwall.cli;

import dev.pinwall.learn.Projection;
import dev.pinwall.decode.DecodeException;
import dev.pinwall.decode.ImageDecoder;
import dev.pinwall.labels.LabelSuggestions;
import dev.pinwall.library.AutoLabels;
import dev.pinwall.library.Library;
import dev.pinwall.library.Match;
import dev.pinwall.library.Photo;
import dev.pinwall.library.RelatedQuery;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;

@Command(name = "similar", mixinStandardHelpOptions = true,
        description = "Print the images of a collection most similar to an image, with their scores.")
final class SimilarCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "IMAGE", description = "Find images like this one; it need not be in the collection.")
    Path image;

    @Option(names = "--in", paramLabel = "DIR", description = "Search this folder (default: the image's own folder).")
    Path folder;

    @Option(names = "--k", defaultValue = "10", description = "Print this many results (default: ${DEFAULT-VALUE}).")
    int k;

    @Mixin
    StoreOption options;

    @Option(names = "--projection", paramLabel = "FILE", description = "Search in a projection made by 'pinwall learn'.")
    Path projectionFile;

    @Mixin
    SimilarityOptions similarity;

    @Option(names = "--suggest", description = "Also suggest the image's labels (article type, colour...) from a"
            + " similarity-weighted vote of its labelled neighbours, with a confidence; the folder needs a styles.csv"
            + " or labels.csv.")
    boolean suggest;

    @Override
    public Integer call() throws Exception {
        if (k < 1) {
            throw new ParameterException(spec.commandLine(), "--k must be at least 1 (got " + k + ")");
        }
        Path query = image.toAbsolutePath().normalize();
        // Before anything is opened or indexed: a missing path, a pipe or /dev/zero is named for what it is.
        if (!Files.exists(query, LinkOption.NOFOLLOW_LINKS)) {
            throw new NoSuchFileException(null, null, "image not found: " + query);
        }
        try {
            ImageDecoder.checkReadable(query);
        } catch (DecodeException e) {
            throw new DecodeException("cannot use " + query + " as the query: " + e.getMessage(), e);
        }
        Path collection = folder != null ? folder : query.getParent();
        Projection projection = projectionFile != null ? Projection.load(projectionFile) : null;
        var mode = similarity.mode();
        try (CommandContext context = CommandContext.open(options.model, options.store, spec.commandLine().getErr(),
                similarity.best(), collection);
             Library library = context.library(collection)) {
            if (projection != null) {
                library.setProjection(projection); // refuses another model's projection
            }
            library.setSimilarityMode(mode);
            if (suggest && !AutoLabels.available(library)) { // before any work: nothing to vote with
                throw new IllegalArgumentException("--suggest needs labels: no photo of " + library.folder()
                        + " has a row in a styles.csv or labels.csv");
            }
            context.index(library);
            Optional<Photo> member = library.photo(query);
            List<Match> matches = member.isPresent() && library.isEmbedded(member.get())
                    ? library.related(member.get(), RelatedQuery.top(k)).orElseThrow()
                    : library.similarTo(query, RelatedQuery.top(k));
            PrintWriter out = spec.commandLine().getOut();
            int rank = 1;
            for (Match match : matches) {
                String label = match.photo().productInfo()
                        .map(info -> "  " + info.articleType() + (info.displayName().isEmpty() ? "" : " | " + info.displayName()))
                        .orElse("");
                // One line per result, whatever a file name or a label holds.
                out.printf(Locale.ROOT, "%2d  %.4f  %s%s%n", rank++, match.score(),
                        escapeControls(match.photo().path().toString()), escapeControls(label));
            }
            if (suggest) {
                printSuggestions(library, query, member, out);
            }
            return 0;
        }
    }

    /** One line per column: {@code suggested COLUMN VALUE confidence C voters N}. */
    private static void printSuggestions(Library library, Path query, Optional<Photo> member, PrintWriter out)
            throws Exception {
        LabelSuggestions suggestions = member.isPresent() && library.isEmbedded(member.get())
                ? AutoLabels.forPhoto(library, member.get()).orElseThrow()
                : AutoLabels.forImage(library, query);
        suggestions.byColumn().forEach((column, s) -> out.printf(Locale.ROOT,
                "suggested %s %s confidence %.2f voters %d%n",
                column.csvName(), escapeControls(s.value()), s.confidence(), s.voters()));
    }

    /** Control characters (a newline in a file name) as escapes: {@code \n}, {@code \r}, {@code \t}, {@code \xNN}. */
    static String escapeControls(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c)) {
                if (out == null) {
                    out = new StringBuilder(text.length() + 8).append(text, 0, i);
                }
                out.append(switch (c) {
                    case '\n' -> "\\n";
                    case '\r' -> "\\r";
                    case '\t' -> "\\t";
                    default -> String.format(Locale.ROOT, "\\x%02x", (int) c);
                });
            } else if (out != null) {
                out.append(c);
            }
        }
        return out == null ? text : out.toString();
    }
}
