package dev.pinwall;

import dev.pinwall.cli.PinwallCli;

import java.util.Set;

/**
 * Entry point of {@code ./pinwall}: with no arguments (or only desktop options) the desktop wall, with a
 * command the command line.
 */
public final class Main {
    private static final Set<String> DESKTOP_OPTIONS = Set.of("--folder", "--select", "--model", "--screenshot");

    private Main() {
    }

    public static void main(String[] args) {
        // Before any DJL class loads: no usage tracking, no native-library downloads (libtorch comes from Maven).
        System.setProperty("ai.djl.offline", System.getProperty("ai.djl.offline", "true"));
        System.setProperty("org.slf4j.simpleLogger.log.ai.djl", System.getProperty("org.slf4j.simpleLogger.log.ai.djl", "warn"));
        if (args.length == 0 || DESKTOP_OPTIONS.contains(args[0].split("=", 2)[0])) {
            dev.pinwall.ui.Desktop.launch(args);
        } else {
            System.exit(PinwallCli.run(args, new java.io.PrintWriter(System.out, true), new java.io.PrintWriter(System.err, true)));
        }
    }
}
