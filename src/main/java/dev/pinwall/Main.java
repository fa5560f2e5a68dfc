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

    private static void defaultProperty(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }

    public static void main(String[] args) {
        // Before any DJL class loads: no usage tracking, no native-library downloads (libtorch comes from Maven).
        System.setProperty("ai.djl.offline", System.getProperty("ai.djl.offline", "true"));
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
