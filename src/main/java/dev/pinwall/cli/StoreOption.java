package dev.pinwall.cli;

import picocli.CommandLine.Option;

import java.nio.file.Path;

/** Options shared by the commands that embed: which model, which store. */
final class StoreOption {
    @Option(names = "--model", paramLabel = "M",
            description = "Embed with this model: an id from 'pinwall models', a .pt, .onnx or .json path, a zoo id, or 'builtin'.")
    String model;

    @Option(names = "--store", paramLabel = "FILE", description = "Keep embeddings in this store file (default: ~/.local/share/pinwall/store.db).")
    Path store;
}
