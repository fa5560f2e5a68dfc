package dev.pinwall.cli;

import dev.pinwall.scan.ContentHash;
import dev.pinwall.solr.SolrCollections;
import dev.pinwall.solr.SolrNeighbours;
import dev.pinwall.solr.SolrTarget;
import dev.pinwall.solr.SolrVectorStore;
import dev.pinwall.store.StoreException;
import dev.pinwall.store.StoreLocation;
import dev.pinwall.store.EmbeddingStore;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** Setting up and querying a SolrCloud collection that holds a shared wall's vectors. */
@Command(name = "solr", mixinStandardHelpOptions = true,
        description = "Work with a SolrCloud collection as a shared store (see docs/SCALE.md).",
        subcommands = {SolrCommand.CreateCollection.class, SolrCommand.ConfigSet.class, SolrCommand.Related.class})
final class SolrCommand {

    /** Where the cluster is: one node's URL or the ZooKeeper ensemble. */
    static final class Cluster {
        @Option(names = "--url", paramLabel = "URL", required = true,
                description = "A node's base URL, e.g. http://localhost:8983/solr")
        String url;

        @Option(names = "--zk", paramLabel = "HOSTS", required = true,
                description = "The ZooKeeper ensemble, e.g. zk1:2181,zk2:2181/solr")
        String zk;

        SolrTarget target(String collection) {
            return SolrTarget.parse(url != null ? SolrTarget.URL_PREFIX + url.replaceAll("/+$", "") + "/" + collection
                    : SolrTarget.ZK_PREFIX + zk.replaceAll("/+$", "") + "/" + collection);
        }
    }

    @Command(name = "create-collection", mixinStandardHelpOptions = true,
            description = "Upload Pinwall's configset (schema with D-dimensional cosine HNSW vectors, label fields, "
                    + "bounded commit policy) and create a collection from it.")
    static final class CreateCollection implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @ArgGroup(exclusive = true, multiplicity = "1")
        Cluster cluster;

        @Option(names = "--name", paramLabel = "N", required = true, description = "The collection's name.")
        String name;

        @Option(names = "--dim", paramLabel = "D", required = true,
                description = "The model's vector length (e.g. 1280 for MobileNetV2; 'pinwall models' lists them).")
        int dimension;

        @Option(names = "--shards", paramLabel = "S", defaultValue = "2", description = "Shards (default: ${DEFAULT-VALUE}).")
        int shards;

        @Option(names = "--replicas", paramLabel = "R", defaultValue = "2",
                description = "Replicas of each shard (default: ${DEFAULT-VALUE}).")
        int replicas;

        @Override
        public Integer call() throws StoreException {
            SolrTarget target = cluster.target(name);
            SolrCollections.Created created = SolrCollections.create(target, dimension, shards, replicas);
            spec.commandLine().getOut().println("created " + created.collection() + " (" + created.shards()
                    + " shards x " + created.replicas() + " replicas, configset " + created.configSet() + "); use "
                    + "--store " + target.spec());
            return 0;
        }
    }

    @Command(name = "configset", mixinStandardHelpOptions = true,
            description = "Write the configset for D-dimensional vectors to a folder, to upload with Solr's own tools.")
    static final class ConfigSet implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--dim", paramLabel = "D", required = true, description = "The model's vector length.")
        int dimension;

        @Option(names = "--out", paramLabel = "DIR", required = true, description = "Folder to write to.")
        Path out;

        @Override
        public Integer call() throws Exception {
            SolrCollections.writeConfigSet(dimension, out);
            spec.commandLine().getOut().println("wrote " + out.resolve("solrconfig.xml") + " and "
                    + out.resolve("schema.xml"));
            return 0;
        }
    }

    @Command(name = "related", mixinStandardHelpOptions = true,
            description = "The images nearest to an indexed image, searched in Solr (kNN over HNSW, filters applied "
                    + "before the search). Prints cosine similarity and the paths the indexers reported.")
    static final class Related implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "IMAGE", description = "An image already indexed into the collection.")
        Path image;

        @Option(names = "--store", paramLabel = "STORE", required = true,
                description = "solr:http://host:8983/solr/COLLECTION or solr+zk:HOSTS/COLLECTION")
        String store;

        @Option(names = {"-k", "--top"}, paramLabel = "K", defaultValue = "10", description = "How many (default: ${DEFAULT-VALUE}).")
        int k;

        @Option(names = "--where", paramLabel = "FIELD=VALUE",
                description = "Only images with this label, e.g. articleType=Tshirts (repeatable).")
        Map<String, String> where = new LinkedHashMap<>();

        @Override
        public Integer call() throws Exception {
            SolrTarget target;
            try {
                target = SolrTarget.parse(store);
            } catch (IllegalArgumentException e) {
                throw new StoreException(e.getMessage(), e);
            }
            try (SolrVectorStore solr = SolrVectorStore.open(target,
                    () -> EmbeddingStore.open(StoreLocation.defaultFile()))) {
                String model = solr.model().orElseThrow(() -> new StoreException("the collection holds no vectors yet"));
                String hash = ContentHash.of(image);
                float[] vector = solr.vectors(model, List.of(hash)).get(hash);
                if (vector == null) {
                    throw new StoreException(image + " is not in the collection; index its folder with --store "
                            + store + " first");
                }
                for (SolrNeighbours.Neighbour n : new SolrNeighbours(solr).nearest(vector, k, where, List.of(hash))) {
                    spec.commandLine().getOut().println(String.format(Locale.ROOT, "%.4f\t%s", n.cosine(),
                            n.paths().isEmpty() ? n.hash() : n.paths().get(0)));
                }
                return 0;
            }
        }
    }
}
