package dev.pinwall.cli;

import dev.pinwall.metadata.ProductInfo;
import dev.pinwall.metadata.StylesCsv;
import dev.pinwall.scan.FileHasher;
import dev.pinwall.scan.ImageFiles;
import dev.pinwall.store.PhotoFacts;
import dev.pinwall.store.StoreException;
import dev.pinwall.store.Stores;
import dev.pinwall.store.VectorStore;
import dev.pinwall.task.Cancellation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.concurrent.Callable;

/** Copies stored vectors from one store to another (a laptop's file to a Solr collection, and back). */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"Copy a model's vectors from one store to another without embedding again, e.g. from the local "
                + "store file to a Solr collection (solr:URL or solr+zk:HOSTS/COLLECTION) or back.",
                "Failures are not copied: the target retries those files once."})
final class ExportCommand implements Callable<Integer> {
    private static final int PAGE = 500;

    @Spec
    CommandSpec spec;

    @Option(names = "--store", paramLabel = "FROM", description = "The store to copy from (default: the local store file).")
    String from;

    @Option(names = "--to", paramLabel = "TO", required = true, description = "The store to copy to.")
    String to;

    @Option(names = "--model-key", paramLabel = "KEY",
            description = "Which model's vectors to copy (a store key, see 'pinwall models'); needed when FROM holds several.")
    String storeKey;

    @Option(names = "--folder", paramLabel = "DIR",
            description = "Also give the target the paths and labels (styles.csv) of this folder's images, so that "
                    + "a Solr collection can filter by them.")
    Path folder;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (VectorStore source = Stores.open(from); VectorStore target = Stores.open(to)) {
            String key = chooseKey(source);
            if (folder != null) {
                Map<String, PhotoFacts> facts = facts(source, folder);
                target.describe(key, facts);
                err.println("labels and paths of " + facts.size() + " images in " + folder);
            }
            int copied = 0;
            String after = "";
            while (true) {
                SortedMap<String, float[]> page = source.vectorsAfter(key, after, PAGE);
                if (page.isEmpty()) {
                    break;
                }
                target.putAll(key, page, Map.of());
                copied += page.size();
                after = page.lastKey();
                err.print(copied % 5000 < PAGE ? "copied " + copied + "\n" : "");
                err.flush();
            }
            out.println("exported " + copied + " vectors of " + key + " from " + source.location() + " to "
                    + target.location());
            return 0;
        }
    }

    private String chooseKey(VectorStore source) throws StoreException {
        Set<String> keys = source.storeKeys();
        if (storeKey != null) {
            if (!keys.contains(storeKey)) {
                throw new StoreException(source.location() + " holds no vectors of " + storeKey + " (it holds "
                        + keys + ")");
            }
            return storeKey;
        }
        if (keys.size() != 1) {
            throw new StoreException(source.location() + (keys.isEmpty() ? " holds no vectors"
                    : " holds vectors of " + keys.size() + " models " + keys + "; choose one with --model-key"));
        }
        return keys.iterator().next();
    }

    /** Content hashes (through the source's path cache) with the paths and labels of the folder's images. */
    private static Map<String, PhotoFacts> facts(VectorStore source, Path folder) throws Exception {
        List<Path> images = ImageFiles.list(folder);
        StylesCsv styles = StylesCsv.find(folder).isPresent()
                ? StylesCsv.read(StylesCsv.find(folder).get(), images) : new StylesCsv(Map.of(), 0);
        FileHasher.Result hashed = new FileHasher(source).hash(images, Cancellation.none());
        Map<String, List<String>> paths = new HashMap<>();
        Map<String, Map<String, String>> labels = new HashMap<>();
        hashed.hashes().forEach((path, hash) -> {
            paths.computeIfAbsent(hash, h -> new ArrayList<>()).add(path.toAbsolutePath().toString());
            labels.putIfAbsent(hash, styles.forImage(path).map(ProductInfo::labels).orElse(Map.of()));
        });
        Map<String, PhotoFacts> facts = new HashMap<>();
        paths.forEach((hash, list) -> facts.put(hash, new PhotoFacts(list, labels.get(hash))));
        return facts;
    }
}
