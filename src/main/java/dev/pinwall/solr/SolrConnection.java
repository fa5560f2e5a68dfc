package dev.pinwall.solr;

import dev.pinwall.store.StoreException;
import org.apache.solr.client.solrj.impl.CloudHttp2SolrClient;
import org.apache.solr.client.solrj.impl.CloudSolrClient;
import org.apache.solr.client.solrj.impl.Http2SolrClient;
import org.apache.solr.common.SolrException;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

/** Opening a SolrCloud client for a {@link SolrTarget}, and turning what the client throws into one clear line. */
final class SolrConnection {
    /** Short, so that an unreachable cluster is an error in seconds rather than a hang. */
    private static final int CONNECT_SECONDS = 5;
    private static final int REQUEST_SECONDS = 120;

    static {
        // The client logs every failed attempt with a stack trace; the store reports failures itself, in one line.
        quietUnlessSet("org.apache.solr", "error");
        quietUnlessSet("org.apache.zookeeper", "error");
        quietUnlessSet("org.eclipse.jetty", "warn");
    }

    private SolrConnection() {
    }

    private static void quietUnlessSet(String logger, String level) {
        String key = "org.slf4j.simpleLogger.log." + logger;
        if (System.getProperty(key) == null) {
            System.setProperty(key, level);
        }
    }

    /** A client for the cluster (not yet connected: the first request connects). */
    static CloudSolrClient client(SolrTarget target) {
        Http2SolrClient.Builder http = new Http2SolrClient.Builder()
                .withConnectionTimeout(CONNECT_SECONDS, TimeUnit.SECONDS)
                .withIdleTimeout(REQUEST_SECONDS, TimeUnit.SECONDS)
                .withRequestTimeout(REQUEST_SECONDS, TimeUnit.SECONDS);
        CloudHttp2SolrClient.Builder builder = target.solrUrls().isEmpty()
                ? new CloudHttp2SolrClient.Builder(target.zkHosts(), target.chroot())
                        .withZkConnectTimeout(CONNECT_SECONDS * 2, TimeUnit.SECONDS)
                        .withZkClientTimeout(30, TimeUnit.SECONDS)
                : new CloudHttp2SolrClient.Builder(target.solrUrls());
        return builder.withInternalClientBuilder(http).withDefaultCollection(target.collection()).build();
    }

    /** What the client threw, as a store error that names the cluster and the collection. */
    static StoreException failure(SolrTarget target, String doing, Exception e) {
        String where = "Solr collection " + target.spec().substring(target.spec().indexOf(':') + 1);
        String why = rootMessage(e);
        if (unreachable(e)) {
            return new StoreException("cannot reach the " + where + " while " + doing + ": " + why
                    + " (is Solr running? nothing local was changed)", e);
        }
        return new StoreException("the " + where + " failed while " + doing + ": " + why, e);
    }

    /** True for errors that say the cluster or a node could not be reached (worth a retry while replicas take over). */
    static boolean unreachable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof IOException || t instanceof java.net.ConnectException) {
                return true;
            }
            if (t instanceof SolrException s && (s.code() == 503 || s.code() == 510 || s.code() == -1)) {
                return true;
            }
            String message = String.valueOf(t.getMessage());
            if (message.contains("Could not find a healthy node") || message.contains("Failed fetching live_nodes") || message.contains("Couldn't initialize a "
                    + "HttpClusterStateProvider") || message.contains("No live SolrServers")
                    || message.contains("Could not connect to ZooKeeper") || message.contains("Connection refused")) {
                return true;
            }
        }
        return false;
    }

    /** True if an update failure is worth trying again (a node going down, a leader being elected). */
    static boolean transientFailure(Exception e) {
        if (unreachable(e)) {
            return true;
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SolrException s && s.code() >= 500) {
                return true;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        String message = e.getMessage();
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
            if (root.getMessage() != null) {
                message = root.getMessage();
            }
        }
        String line = message != null ? message.lines().findFirst().orElse(message) : e.toString();
        return line.length() > 300 ? line.substring(0, 300) + "..." : line;
    }
}
