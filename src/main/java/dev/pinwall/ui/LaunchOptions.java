package dev.pinwall.ui;

import java.nio.file.Path;
import java.util.List;

/**
 * The desktop's command-line options.
 *
 * @param folder     folder to open, or null for the last one (or the bundled sample)
 * @param select     file name of the photo to pin once the folder is open, or null
 * @param model      model to use, or null for the default
 * @param screenshot where to write a PNG of the window once wall and Related panel are filled (then exit), or null
 */
public record LaunchOptions(Path folder, String select, String model, Path screenshot) {

    static final String USAGE = "Options: --folder DIR  --select IMAGE  --model MODEL  --screenshot FILE.png";

    /** Accepts {@code --name value} and {@code --name=value}; throws with a usage message on anything else. */
    public static LaunchOptions parse(List<String> args) {
        Path folder = null;
        String select = null;
        String model = null;
        Path screenshot = null;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            String name = arg;
            String value = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                name = arg.substring(0, eq);
                value = arg.substring(eq + 1);
            }
            if (!List.of("--folder", "--select", "--model", "--screenshot").contains(name)) {
                throw new IllegalArgumentException("Unknown option " + arg + ". " + USAGE);
            }
            if (value == null) {
                if (i + 1 >= args.size()) {
                    throw new IllegalArgumentException(name + " needs a value. " + USAGE);
                }
                value = args.get(++i);
            }
            switch (name) {
                case "--folder" -> folder = Path.of(value);
                case "--select" -> select = value;
                case "--model" -> model = value;
                default -> screenshot = Path.of(value);
            }
        }
        return new LaunchOptions(folder, select, model, screenshot);
    }
}
