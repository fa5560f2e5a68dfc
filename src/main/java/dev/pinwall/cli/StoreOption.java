package dev.pinwall.cli;

import picocli.CommandLine.Option;

import java.nio.file.Path;

/** Options shared by the commands that embed: which model, which store. */
final class StoreOption {
    @Option(names = "--model", paramLabel = "M",
            description = "Embedder: a model id from 'pinwall models', a .pt/.json path, a zoo id, or 'builtin'.")
    String model;

    @Option(names = "--store", paramLabel = "FILE", description = "Embedding store (default: ~/.local/share/pinwall/store.db).")
    Path store;
}
