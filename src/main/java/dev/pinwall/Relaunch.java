package dev.pinwall;

import dev.pinwall.library.PinwallHome;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs Pinwall once more as a child process, for the two things a running JVM cannot do for itself: put glibc's
 * malloc settings in the environment (read when the process starts; libtorch is several times slower without
 * them) and keep libtorch's native log lines off the console ({@link EngineNoiseFilter}). Launchers ask for it with
 * {@code -Dpinwall.relaunch=true}: the installed app, whose jpackage launcher cannot set environment variables, and
 * {@code ./pinwall}. The child inherits stdin and stdout (so it still sees a terminal) and gets a marker so it
 * does not relaunch again.
 */
final class Relaunch {
    static final String MARKER = "PINWALL_RELAUNCHED";

    /** What libtorch needs from glibc, and DJL's tracking opt-out; values already in the environment win. */
    static final Map<String, String> ENGINE_ENVIRONMENT = engineEnvironment();

    private Relaunch() {
    }

    private static Map<String, String> engineEnvironment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("MALLOC_ARENA_MAX", "1");
        env.put("MALLOC_MMAP_THRESHOLD_", "4294967296");
        env.put("MALLOC_TRIM_THRESHOLD_", "4294967296");
        env.put("OPT_OUT_TRACKING", "true");
        return env;
    }

    /**
     * The JVM option the exact search's SIMD kernels need. The child gets it (it is not in the launcher's own JVM:
     * that one's stderr is the console, and the JVM announces the module there).
     */
    static final String VECTOR_MODULE = "--add-modules=jdk.incubator.vector";

    /** True in a launcher's first process; false in the child and whenever nobody asked for it. */
    static boolean wanted() {
        return Boolean.getBoolean("pinwall.relaunch") && System.getenv(MARKER) == null;
    }

    /** Starts the child with the same arguments, filters its stderr, and returns its exit code. */
    static int run(String[] args) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command(args))
                .redirectInput(ProcessBuilder.Redirect.INHERIT)
                .redirectOutput(ProcessBuilder.Redirect.INHERIT);
        ENGINE_ENVIRONMENT.forEach(builder.environment()::putIfAbsent);
        builder.environment().put(MARKER, "1");
        // jpackage's launcher leaves this for its own restart; inherited, it makes the next launcher skip its
        // configuration and hand our arguments to the JVM as if they were the java command's.
        builder.environment().remove("_JPACKAGE_LAUNCHER");
        Process child = builder.start();
        Thread stop = new Thread(child::destroy, "pinwall-relaunch-stop");
        Runtime.getRuntime().addShutdownHook(stop);
        new EngineNoiseFilter(System.err, Relaunch::logEngineMessage).pump(child.getErrorStream());
        int code = child.waitFor();
        Runtime.getRuntime().removeShutdownHook(stop);
        return code;
    }

    /** The same program again: jpackage's launcher if that is what started us, else this JVM's command line. */
    static List<String> command(String[] args) {
        List<String> command = new ArrayList<>();
        String appLauncher = System.getProperty("jpackage.app-path");
        if (appLauncher != null) {
            command.add(appLauncher); // it adds the JVM options and class path from its .cfg again
        } else {
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(childJvmOptions(ManagementFactory.getRuntimeMXBean().getInputArguments()));
            command.add("-cp");
            command.add(System.getProperty("java.class.path"));
            command.add(Main.class.getName());
        }
        command.addAll(List.of(args));
        return command;
    }

    /** This JVM's options, plus the Vector API's module when they lack it. */
    static List<String> childJvmOptions(List<String> jvm) {
        List<String> options = new ArrayList<>(jvm);
        if (!options.contains(VECTOR_MODULE)) {
            options.add(VECTOR_MODULE);
        }
        return options;
    }

    /** libtorch's own warnings, once each, in {@code engine.log} beside the store. */
    private static void logEngineMessage(String message) {
        try {
            Path log = PinwallHome.logFile().resolveSibling("engine.log");
            String line = LocalDateTime.now().format(DateTimeFormatter.ISO_LOCAL_DATE_TIME) + " libtorch: " + message
                    + System.lineSeparator();
            Files.writeString(log, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException | RuntimeException e) {
            // the log is a courtesy; the console stays clean either way
        }
    }
}
