package dev.pinwall.cli;

import picocli.CommandLine.Option;

/** Options shared by the commands that embed: which model, which store. */
final class StoreOption {
    @Option(names = "--model", paramLabel = "M",
            description = "Embed with this model: an id from 'pinwall models', a .pt, .onnx or .json path, a zoo id, or 'builtin'.")
    String model;

    @Option(names = "--store", paramLabel = "STORE", description = "Keep embeddings in this store: a file (default: "
            + "~/.local/share/pinwall/store.db), solr:http://host:8983/solr/COLLECTION or solr+zk:host:2181[/chroot]/COLLECTION.")
    String store;
}
