package dev.pinwall.cli;

import dev.pinwall.ui.LaunchOptions;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * The command line: {@code pinwall index|similar|duplicates|eval|learn|models|bench|export|solr|completion}, and with
 * no command the desktop wall with the {@link LaunchOptions} parsed here.
 */
@Command(name = "pinwall", mixinStandardHelpOptions = true, version = "Pinwall 0.1.0",
        description = {"Show a folder of photos as a wall and find visually similar ones.",
                "With no command, Pinwall opens the desktop wall; with a command, it works on the command line."},
        subcommands = {IndexCommand.class, SimilarCommand.class, DuplicatesCommand.class, EvalCommand.class,
                LearnCommand.class, ModelsCommand.class, BenchCommand.class, ExportCommand.class, SolrCommand.class,
                CompletionCommand.class, CommandLine.HelpCommand.class})
public final class PinwallCli implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    // Null when no desktop option was given: picocli creates the group only when one of its options appears.
    @ArgGroup(exclusive = false, heading = "%nDesktop options (with no command):%n")
    LaunchOptions.Flags desktop;

    private final Consumer<LaunchOptions> desktopLauncher;

    private PinwallCli(Consumer<LaunchOptions> desktopLauncher) {
        this.desktopLauncher = desktopLauncher;
    }

    /** No command: the desktop, which returns when its window closes. */
    @Override
    public Integer call() {
        desktopLauncher.accept(launchOptions());
        return 0;
    }

    private LaunchOptions launchOptions() {
        return desktop == null ? new LaunchOptions(null, null, null, null) : desktop.options();
    }

    private static CommandLine commandLine(PinwallCli cli, PrintWriter out, PrintWriter err) {
        CommandLine commandLine = new CommandLine(cli);
        commandLine.setOut(out);
        commandLine.setErr(err);
        return commandLine;
    }

    /**
     * True if these arguments open the desktop (no command, no help or version request). Lets the caller set up
     * logging before anything logs; arguments that do not parse are the command line's to report.
     */
    public static boolean opensDesktop(String[] args) {
        try {
            CommandLine.ParseResult parsed = new CommandLine(new PinwallCli(options -> { })).parseArgs(args);
            return !parsed.hasSubcommand() && !parsed.isUsageHelpRequested() && !parsed.isVersionHelpRequested();
        } catch (CommandLine.ParameterException e) {
            return false;
        }
    }

    /**
     * Runs a command line and returns its exit code; output goes to the given writers. With no command the
     * parsed desktop options go to {@code desktopLauncher}.
     */
    public static int run(String[] args, PrintWriter out, PrintWriter err, Consumer<LaunchOptions> desktopLauncher) {
        PinwallCli cli = new PinwallCli(desktopLauncher);
        CommandLine commandLine = commandLine(cli, out, err);
        commandLine.setExecutionStrategy(parsed -> {
            if (parsed.hasSubcommand() && cli.desktop != null) {
                throw new CommandLine.ParameterException(commandLine, "The desktop options (--folder, --select, "
                        + "--model, --screenshot, --store) go without a command; put a command's own options after it.");
            }
            return new CommandLine.RunLast().execute(parsed);
        });
        commandLine.setExecutionExceptionHandler((e, cmd, parsed) -> {
            // Expected failures (missing folder, damaged store, bad model) get one clear line, not a stack trace.
            err.println("error: " + (e.getMessage() != null ? e.getMessage() : e.toString()));
            org.slf4j.LoggerFactory.getLogger(PinwallCli.class).debug("command failed", e);
            err.flush();
            return 1;
        });
        int code = commandLine.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    /** Runs a command line that must name a command (no desktop); for tools and tests. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        return run(args, out, err, options -> {
            throw new IllegalStateException("no command given; the desktop is started through dev.pinwall.Main");
        });
    }
}
