package dev.pinwall.cli;

import dev.pinwall.embed.ModelOption;
import dev.pinwall.embed.ModelRegistry;
import dev.pinwall.embed.ZooDownloader;
import dev.pinwall.library.PinwallHome;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

@Command(name = "models", mixinStandardHelpOptions = true,
        description = "List the embedders Pinwall can use, and say why any of them cannot be used.",
        subcommands = ModelDownloadCommand.class)
final class ModelsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        out.println("Model folders: " + PinwallHome.modelDirs());
        for (ModelOption option : ModelRegistry.discover(PinwallHome.modelDirs()).options()) {
            if (option.downloadable()) {
                out.printf("%-20s %-32s %s%n", "download (" + ZooDownloader.formatBytes(option.downloadBytes()) + ")",
                        option.id(), option.displayName() + " — pinwall models download " + option.id());
                continue;
            }
            out.printf("%-20s %-32s %s%n", option.available() ? "available" : "unavailable", option.id(),
                    option.available() ? option.displayName() : option.displayName() + " — " + option.reason());
        }
        return 0;
    }
}
