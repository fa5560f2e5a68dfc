package dev.pinwall;

import dev.pinwall.cli.PinwallCli;
import dev.pinwall.library.PinwallHome;

import java.util.Set;

/**
 * Entry point of {@code ./pinwall}: with no arguments (or only desktop options) the desktop wall, with a
 * command the command line.
 */
public final class Main {
    private static final Set<String> DESKTOP_OPTIONS = Set.of("--folder", "--select", "--model", "--screenshot");

    private Main() {
    }

    private static boolean isTrue(String value) {
        return value != null && (value.equals("1") || value.equalsIgnoreCase("true") || value.equalsIgnoreCase("yes"));
    }

    private static void defaultProperty(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }

    public static void main(String[] args) {
        // Before any DJL class loads. Usage tracking is always off (DJL reads OPT_OUT_TRACKING from the environment or
        // a system property). Offline mode is the default; PINWALL_ONLINE=1 lets the model zoo count as available
        // and download, for users with a network. libtorch itself always comes from Maven, never from a download.
        System.setProperty("OPT_OUT_TRACKING", "true");
        defaultProperty("ai.djl.offline", isTrue(System.getenv("PINWALL_ONLINE")) ? "false" : "true");
        defaultProperty("org.slf4j.simpleLogger.log.ai.djl", "warn");
        boolean desktop = args.length == 0 || DESKTOP_OPTIONS.contains(args[0].split("=", 2)[0]);
        if (desktop) {
            // The desktop logs to a file beside the store; the command line reports on stderr itself.
            defaultProperty("org.slf4j.simpleLogger.logFile", PinwallHome.logFile().toString());
            defaultProperty("org.slf4j.simpleLogger.showDateTime", "true");
        } else {
            defaultProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        }
        if (desktop) {
            dev.pinwall.ui.Desktop.launch(args);
        } else {
            System.exit(PinwallCli.run(args, new java.io.PrintWriter(System.out, true), new java.io.PrintWriter(System.err, true)));
        }
    }
}
