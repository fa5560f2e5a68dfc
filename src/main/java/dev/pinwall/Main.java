package dev.pinwall;

import dev.pinwall.cli.PinwallCli;
import dev.pinwall.library.PinwallHome;
import dev.pinwall.ui.Desktop;

import java.io.PrintWriter;

/**
 * Entry point of {@code ./pinwall} and of the installed app: one picocli command line, whose subcommands work on
 * the command line and which opens the desktop wall when no command is given.
 */
public final class Main {
    private Main() {
    }

    private static void defaultProperty(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }

    public static void main(String[] args) throws Exception {
        if (Relaunch.wanted()) {
            System.exit(Relaunch.run(args));
        }
        // Before any DJL class loads. Usage tracking is always off (DJL reads OPT_OUT_TRACKING from the environment or
        // a system property). DJL stays offline: zoo models download only through ZooDownloader, on request, and
        // libtorch always comes from Maven.
        System.setProperty("OPT_OUT_TRACKING", "true");
        defaultProperty("ai.djl.offline", "true");
        defaultProperty("org.slf4j.simpleLogger.log.ai.djl", "warn");
        // Pinwall ships the CPU build of libtorch: DJL's probe of a CUDA runtime without a driver is no news.
        defaultProperty("org.slf4j.simpleLogger.log.ai.djl.util.cuda.CudaUtils", "error");
        // ONNX Runtime warns on every start that this CPU-only build has no CUDA provider.
        defaultProperty("org.slf4j.simpleLogger.log.ai.djl.onnxruntime.engine.OrtEngine", "error");
        boolean desktop = PinwallCli.opensDesktop(args);
        if (desktop) {
            // The desktop logs to a file beside the store; the command line reports on stderr itself.
            defaultProperty("org.slf4j.simpleLogger.logFile", PinwallHome.logFile().toString());
            defaultProperty("org.slf4j.simpleLogger.showDateTime", "true");
        } else {
            defaultProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        }
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        System.exit(PinwallCli.run(args, out, err, Desktop::launch));
    }
}
