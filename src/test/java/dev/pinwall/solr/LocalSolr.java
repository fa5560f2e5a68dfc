package dev.pinwall.solr;

import org.apache.solr.cloud.MiniSolrCloudCluster;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A local SolrCloud to try {@code --store solr:...} against, started from the same Maven artifacts as the tests
 * (solr-test-framework): an embedded ZooKeeper and N Solr nodes in this JVM, the first on a fixed port. Runs until
 * killed; its data lives in a throw-away folder. See docs/SCALE.md for the one-line command.
 *
 * <p>Arguments: {@code [--port 8983] [--nodes 1] [--dir /tmp/pinwall-solr]}.
 */
public final class LocalSolr {
    private LocalSolr() {
    }

    public static void main(String[] args) throws Exception {
        int port = 8983;
        int nodes = 1;
        Path dir = Path.of(System.getProperty("java.io.tmpdir"), "pinwall-solr");
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(args[i + 1]);
                case "--nodes" -> nodes = Integer.parseInt(args[i + 1]);
                case "--dir" -> dir = Path.of(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + " (options: --port P, --nodes N, --dir DIR)");
            }
        }
        if (Files.isDirectory(dir)) {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        // SolrTestCluster's quiet logging and test-friendly settings
        Class.forName(SolrTestCluster.class.getName());
        System.setProperty("solr.autoSoftCommit.maxTime", "5000");
        int firstPort = port;
        MiniSolrCloudCluster cluster = new MiniSolrCloudCluster.Builder(1, dir)
                .withJettyConfig(jetty -> jetty.setPort(firstPort)).withTraceIdGenerationDisabled().build();
        for (int n = 1; n < nodes; n++) {
            cluster.startJettySolrRunner();
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                cluster.shutdown();
            } catch (Exception e) {
                System.err.println("stopping Solr: " + e);
            }
        }));
        String url = cluster.getJettySolrRunner(0).getBaseUrl().toString();
        System.out.println("Solr is running: " + nodes + " node(s), first at " + url + ", ZooKeeper at "
                + cluster.getZkServer().getZkAddress());
        System.out.println("  ./pinwall solr create-collection --url " + url + " --name wall --dim 1280 --shards 2 --replicas 1");
        System.out.println("  ./pinwall index DIR --store solr:" + url + "/wall");
        System.out.println("Stop with Ctrl-C.");
        System.out.flush();
        Thread.currentThread().join();
    }
}
