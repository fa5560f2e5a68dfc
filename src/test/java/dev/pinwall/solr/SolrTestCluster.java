package dev.pinwall.solr;

import org.apache.solr.client.solrj.request.CollectionAdminRequest;
import org.apache.solr.cloud.MiniSolrCloudCluster;
import org.apache.solr.embedded.JettySolrRunner;

import java.nio.file.Path;
import java.util.List;

/**
 * A real SolrCloud in this JVM (embedded ZooKeeper, Jetty nodes) from solr-test-framework, driven directly rather
 * than through its JUnit 4 base classes.
 */
final class SolrTestCluster implements AutoCloseable {
    static {
        // Solr's test defaults: no SSL, small caches; the URL allow-list is off for a loopback cluster
        System.setProperty("solr.allowUrls", "");
        System.setProperty("solr.disable.allowUrls", "true");
        System.setProperty("solr.enableMetrics", "false");
        System.setProperty("solr.autoSoftCommit.maxTime", "1000");
        System.setProperty("solr.directoryFactory", "solr.NRTCachingDirectoryFactory");
        System.setProperty("org.slf4j.simpleLogger.log.org.apache.solr", "warn");
        System.setProperty("org.slf4j.simpleLogger.log.org.apache.zookeeper", "error");
        System.setProperty("org.slf4j.simpleLogger.log.org.eclipse.jetty", "warn");
    }

    final MiniSolrCloudCluster cluster;

    SolrTestCluster(int nodes, Path dir) throws Exception {
        cluster = new MiniSolrCloudCluster.Builder(nodes, dir).withTraceIdGenerationDisabled().build();
    }

    /** A target reaching the cluster through one node's URL. */
    SolrTarget urlTarget(String collection) {
        return new SolrTarget(List.of(cluster.getJettySolrRunner(0).getBaseUrl().toString()), List.of(),
                java.util.Optional.empty(), collection);
    }

    /** A target reaching the cluster through its ZooKeeper. */
    SolrTarget zkTarget(String collection) {
        String zk = cluster.getZkServer().getZkAddress(); // host:port/solr
        int slash = zk.indexOf('/');
        return new SolrTarget(List.of(), List.of(zk.substring(0, slash)), java.util.Optional.of(zk.substring(slash)),
                collection);
    }

    void create(String collection, int dimension, int shards, int replicas) throws Exception {
        SolrCollections.create(urlTarget(collection), dimension, shards, replicas);
        cluster.waitForActiveCollection(collection, shards, shards * replicas);
    }

    void delete(String collection) throws Exception {
        CollectionAdminRequest.deleteCollection(collection).process(cluster.getSolrClient());
    }

    List<JettySolrRunner> nodes() {
        return cluster.getJettySolrRunners();
    }

    @Override
    public void close() throws Exception {
        cluster.shutdown();
    }
}
