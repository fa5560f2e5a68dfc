package dev.pinwall.cli;

import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.util.concurrent.Callable;

/** Prints the bash completion script picocli generates from the command model, so it never goes stale. */
@Command(name = "completion", mixinStandardHelpOptions = true,
        description = {"Print a bash (and zsh) completion script for pinwall's commands and options.",
                "Load it in the current shell with: source <(pinwall completion)"})
final class CompletionCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getOut().print(AutoComplete.bash("pinwall", spec.root().commandLine()));
        spec.commandLine().getOut().flush();
        return 0;
    }
}
