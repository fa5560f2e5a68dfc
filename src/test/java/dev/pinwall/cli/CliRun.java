package dev.pinwall.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

/** What one command line printed, and its exit code: the CLI tests' way to run {@link PinwallCli}. */
record CliRun(int code, List<String> out, String err) {

    /** Runs {@code args} in this JVM with captured output. */
    static CliRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = PinwallCli.run(args, new PrintWriter(out), new PrintWriter(err));
        return new CliRun(code, out.toString().lines().toList(), err.toString());
    }

    /** The last line on stdout, or "" when there is none. */
    String lastLine() {
        return out.isEmpty() ? "" : out.get(out.size() - 1);
    }
}
