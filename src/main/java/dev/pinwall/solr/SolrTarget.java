package dev.pinwall.solr;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Where a SolrCloud collection is, as the user wrote it: {@code solr:http://host:8983/solr/COLLECTION} (any node's
 * base URL; the client learns the cluster from it) or {@code solr+zk:host:2181[,host2:2181][/chroot]/COLLECTION}
 * (the cluster's ZooKeeper ensemble).
 *
 * @param solrUrls   node base URLs (the {@code solr:} form), else empty
 * @param zkHosts    ZooKeeper hosts (the {@code solr+zk:} form), else empty
 * @param chroot     ZooKeeper chroot such as {@code /solr}, if any
 * @param collection the collection name
 */
public record SolrTarget(List<String> solrUrls, List<String> zkHosts, Optional<String> chroot, String collection) {

    /** The URL form's prefix. */
    public static final String URL_PREFIX = "solr:";
    /** The ZooKeeper form's prefix. */
    public static final String ZK_PREFIX = "solr+zk:";

    public SolrTarget {
        solrUrls = List.copyOf(solrUrls);
        zkHosts = List.copyOf(zkHosts);
    }

    /** True if {@code spec} is written in one of the two forms (it may still be malformed). */
    public static boolean isSolr(String spec) {
        return spec.startsWith(URL_PREFIX) || spec.startsWith(ZK_PREFIX);
    }

    /**
     * Parses either form.
     *
     * @throws IllegalArgumentException with a message saying what is wrong and what the form looks like
     */
    public static SolrTarget parse(String spec) {
        if (spec.startsWith(ZK_PREFIX)) {
            String rest = spec.substring(ZK_PREFIX.length());
            int slash = rest.indexOf('/');
            int last = rest.lastIndexOf('/');
            if (slash <= 0 || last == rest.length() - 1) {
                throw new IllegalArgumentException("'" + spec + "' names no collection; write "
                        + ZK_PREFIX + "host:2181[/chroot]/COLLECTION");
            }
            List<String> hosts = Arrays.stream(rest.substring(0, slash).split(",")).map(String::trim)
                    .filter(h -> !h.isEmpty()).toList();
            Optional<String> chroot = slash == last ? Optional.empty() : Optional.of(rest.substring(slash, last));
            return new SolrTarget(List.of(), hosts, chroot, rest.substring(last + 1));
        }
        if (spec.startsWith(URL_PREFIX)) {
            String url = spec.substring(URL_PREFIX.length());
            URI uri;
            try {
                uri = new URI(url);
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException("'" + url + "' is not a URL: " + e.getMessage(), e);
            }
            String path = uri.getPath() == null ? "" : uri.getPath().replaceAll("/+$", "");
            int last = path.lastIndexOf('/');
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null
                    || last < 0 || last == path.length() - 1 || last == 0) {
                throw new IllegalArgumentException("'" + spec + "' is not of the form "
                        + URL_PREFIX + "http://host:8983/solr/COLLECTION");
            }
            String base = uri.getScheme() + "://" + uri.getRawAuthority() + path.substring(0, last);
            return new SolrTarget(List.of(base), List.of(), Optional.empty(), path.substring(last + 1));
        }
        throw new IllegalArgumentException("'" + spec + "' is not a Solr store (" + URL_PREFIX + "URL or "
                + ZK_PREFIX + "HOSTS/COLLECTION)");
    }

    /** The same collection in the form {@link #parse} reads back. */
    public String spec() {
        return solrUrls.isEmpty()
                ? ZK_PREFIX + String.join(",", zkHosts) + chroot.orElse("") + "/" + collection
                : URL_PREFIX + solrUrls.get(0) + "/" + collection;
    }

    /** This cluster with another collection. */
    public SolrTarget withCollection(String name) {
        return new SolrTarget(solrUrls, zkHosts, chroot, name);
    }
}
