package dev.pinwall.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;

/** The command line: {@code pinwall index|similar|eval|learn|models|bench}. */
@Command(name = "pinwall", mixinStandardHelpOptions = true, version = "Pinwall 0.1.0",
        description = "Index a folder of photos and find visually similar ones.",
        subcommands = {IndexCommand.class, SimilarCommand.class, EvalCommand.class, LearnCommand.class, ModelsCommand.class,
                BenchCommand.class, CommandLine.HelpCommand.class})
public final class PinwallCli {

    /** Runs a command line and returns its exit code; output goes to the given writers. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine commandLine = new CommandLine(new PinwallCli());
        commandLine.setOut(out);
        commandLine.setErr(err);
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

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }
}
