package dev.pinwall.ui;

import picocli.CommandLine;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The desktop's command-line options, as parsed by picocli: the top-level {@code pinwall} command mixes in
 * {@link Flags}, so {@code pinwall --help} lists them beside the commands and there is one option list.
 *
 * @param folder     folder to open, or null for the last one (or the bundled sample)
 * @param select     file name of the photo to pin once the folder is open, or null
 * @param model      model to use, or null for the default
 * @param screenshot where to write a PNG of the window once wall and Related panel are filled (then exit), or null
 * @param store      the store to use (a file, {@code solr:URL} or {@code solr+zk:HOSTS/COLLECTION}), or null for the
 *                   default store file
 * @param view       what the wall shows at start, or null for every photo
 * @param save       file names in the folder to save to the board "Saved" at start (empty: none)
 */
public record LaunchOptions(Path folder, String select, String model, Path screenshot, String store, StartView view,
                            List<String> save) {

    public LaunchOptions {
        save = save == null ? List.of() : List.copyOf(save);
    }

    /** Options with the default store, no start view and no pins to save. */
    public LaunchOptions(Path folder, String select, String model, Path screenshot) {
        this(folder, select, model, screenshot, null, null, List.of());
    }

    /** What the wall shows at start ({@code --view}). */
    public enum StartView {
        WALL, FOR_YOU, MAP;

        /** The option's spelling: wall, for-you, map. */
        public String spelling() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }

        static StartView parse(String text) {
            for (StartView v : values()) {
                if (v.spelling().equals(text)) {
                    return v;
                }
            }
            throw new CommandLine.TypeConversionException("'" + text + "' is not a view: wall, for-you or map");
        }
    }

    /** The options as picocli declares them; a mixin of the top-level command. */
    public static final class Flags {
        @Option(names = "--folder", paramLabel = "DIR",
                description = "Open this folder in the wall (default: the last folder, or the bundled sample).")
        Path folder;

        @Option(names = "--select", paramLabel = "IMAGE",
                description = "Pin this image (a file name in the folder) once the wall is open.")
        String select;

        @Option(names = "--model", paramLabel = "M",
                description = "Embed with this model: an id from 'pinwall models', a model file (.pt, .onnx or .json), or 'builtin'.")
        String model;

        @Option(names = "--screenshot", paramLabel = "FILE.png",
                description = "Render the window off-screen to this PNG once the wall and Related are filled, then exit.")
        Path screenshot;

        @Option(names = "--store", paramLabel = "STORE",
                description = "Keep embeddings in this store: a file, solr:http://host:8983/solr/COLLECTION or "
                        + "solr+zk:host:2181[/chroot]/COLLECTION (default: the store file in the user's data folder).")
        String store;

        @Option(names = "--view", paramLabel = "wall|for-you|map", converter = ViewConverter.class,
                description = "Show every photo (wall), the photos ranked by what is saved (for-you) or the map.")
        StartView view;

        @Option(names = "--save", paramLabel = "FILE[,FILE...]", split = ",",
                description = "Save these photos (file names in the folder) to the board \"Saved\" once embedded.")
        List<String> save;

        /** What was parsed. */
        public LaunchOptions options() {
            return new LaunchOptions(folder, select, model, screenshot, store, view, save);
        }
    }

    /** picocli's reading of {@code --view}. */
    static final class ViewConverter implements CommandLine.ITypeConverter<StartView> {
        @Override
        public StartView convert(String value) {
            return StartView.parse(value);
        }
    }

    /**
     * Parses desktop options alone (the JavaFX application reads its raw parameters through this); throws with
     * picocli's message on an unknown option or a missing value.
     */
    public static LaunchOptions parse(List<String> args) {
        Flags flags = new Flags();
        try {
            new CommandLine(flags).parseArgs(args.toArray(String[]::new));
        } catch (CommandLine.ParameterException e) {
            throw new IllegalArgumentException(e.getMessage() + " (options: --folder DIR, --select IMAGE, --model M,"
                    + " --screenshot FILE.png, --store STORE, --view wall|for-you|map, --save FILE[,FILE...])", e);
        }
        return flags.options();
    }

    /** These options as arguments that {@link #parse(List)} reads back to an equal value. */
    public List<String> arguments() {
        List<String> args = new ArrayList<>();
        if (folder != null) {
            args.add("--folder=" + folder);
        }
        if (select != null) {
            args.add("--select=" + select);
        }
        if (model != null) {
            args.add("--model=" + model);
        }
        if (screenshot != null) {
            args.add("--screenshot=" + screenshot);
        }
        if (store != null) {
            args.add("--store=" + store);
        }
        if (view != null) {
            args.add("--view=" + view.spelling());
        }
        if (!save.isEmpty()) {
            args.add("--save=" + String.join(",", save));
        }
        return args;
    }
}
