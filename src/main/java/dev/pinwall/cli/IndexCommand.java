package dev.pinwall.cli;

import dev.pinwall.library.IndexReport;
import dev.pinwall.library.Library;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "index", mixinStandardHelpOptions = true,
        description = "Embed every image of a folder; only new or changed files are computed.")
final class IndexCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "DIR", description = "The folder of images to embed.")
    Path folder;

    @Mixin
    StoreOption options;

    @Override
    public Integer call() throws Exception {
        try (CommandContext context = CommandContext.open(options.model, options.store, spec.commandLine().getErr(),
                false, folder);
             Library library = context.library(folder)) {
            IndexReport report = context.index(library);
            spec.commandLine().getOut().println(report.summaryLine());
            return 0;
        }
    }
}
