package dev.pinwall.solr;

import dev.pinwall.store.StoreException;
import org.apache.solr.client.solrj.impl.CloudSolrClient;
import org.apache.solr.client.solrj.request.CollectionAdminRequest;
import org.apache.solr.client.solrj.request.ConfigSetAdminRequest;
import org.apache.solr.client.solrj.response.ConfigSetAdminResponse;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Sets up Pinwall collections: the configset in {@code src/main/resources/dev/pinwall/solr/configset} (schema with the
 * vector length filled in, bounded commit policy) uploaded as {@code pinwall-D}, and a collection created from it.
 */
public final class SolrCollections {
    /** The schema's dense vector field type. */
    static final String VECTOR_TYPE = "knn_vector";
    /** The photo labels the schema has fields for (styles.csv columns; {@code productId} is its {@code id}). */
    public static final Set<String> LABEL_FIELDS = Set.of("gender", "masterCategory", "subCategory", "articleType",
            "baseColour", "season", "year", "usage", "productDisplayName", "productId");
    private static final String RESOURCES = "/dev/pinwall/solr/configset/";
    private static final List<String> FILES = List.of("solrconfig.xml", "schema.xml");

    private SolrCollections() {
    }

    /** What create-collection did. */
    public record Created(String collection, String configSet, int shards, int replicas) {
    }

    /** The configset files with the vector length filled in, by file name. */
    public static Map<String, String> configSet(int dimension) {
        if (dimension < 1 || dimension > 4096) {
            throw new IllegalArgumentException("vector length " + dimension + " is outside 1..4096");
        }
        return Map.of("solrconfig.xml", resource("solrconfig.xml"),
                "schema.xml", resource("schema.xml").replace("VECTOR_DIMENSION", Integer.toString(dimension)));
    }

    /** Writes the configset to a folder (for uploading by hand with Solr's own tools). */
    public static void writeConfigSet(int dimension, Path folder) throws IOException {
        Files.createDirectories(folder);
        for (Map.Entry<String, String> file : configSet(dimension).entrySet()) {
            Files.writeString(folder.resolve(file.getKey()), file.getValue());
        }
    }

    /**
     * Uploads the configset {@code pinwall-D} (replacing an older one of that name) and creates the collection.
     *
     * @throws StoreException when the cluster cannot be reached or refuses (the collection exists, too few nodes)
     */
    public static Created create(SolrTarget target, int dimension, int shards, int replicas) throws StoreException {
        String configName = "pinwall-" + dimension;
        try (CloudSolrClient client = SolrConnection.client(target)) {
            Path zip = Files.createTempFile("pinwall-configset", ".zip");
            try {
                Files.write(zip, zip(configSet(dimension)));
                ConfigSetAdminResponse uploaded = new ConfigSetAdminRequest.Upload().setConfigSetName(configName)
                        .setOverwrite(true).setCleanup(true).setUploadFile(zip.toFile(), "application/zip")
                        .process(client);
                if (uploaded.getErrorMessages() != null && uploaded.getErrorMessages().size() > 0) {
                    throw new StoreException("Solr refused the configset: " + uploaded.getErrorMessages());
                }
            } finally {
                Files.deleteIfExists(zip);
            }
            CollectionAdminRequest.createCollection(target.collection(), configName, shards, replicas)
                    .process(client);
            return new Created(target.collection(), configName, shards, replicas);
        } catch (StoreException e) {
            throw e;
        } catch (Exception e) {
            throw SolrConnection.failure(target, "creating the collection", e);
        }
    }

    private static byte[] zip(Map<String, String> files) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, String> file : files.entrySet()) {
                out.putNextEntry(new ZipEntry(file.getKey()));
                out.write(file.getValue().getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    private static String resource(String name) {
        try (InputStream in = SolrCollections.class.getResourceAsStream(RESOURCES + name)) {
            if (in == null) {
                throw new IllegalStateException("the configset file " + name + " is missing from the build");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
