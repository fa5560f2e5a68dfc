package dev.pinwall.solr;

import dev.pinwall.store.EmbeddingStore;
import dev.pinwall.store.FileHashCache;
import dev.pinwall.store.FittedStateStore;
import dev.pinwall.store.PhotoFacts;
import dev.pinwall.store.StoreException;
import dev.pinwall.store.VectorStore;
import org.apache.solr.client.solrj.SolrQuery;
import org.apache.solr.client.solrj.SolrRequest;
import org.apache.solr.client.solrj.impl.CloudSolrClient;
import org.apache.solr.client.solrj.request.CollectionAdminRequest;
import org.apache.solr.client.solrj.request.QueryRequest;
import org.apache.solr.client.solrj.request.UpdateRequest;
import org.apache.solr.client.solrj.request.schema.SchemaRequest;
import org.apache.solr.client.solrj.response.FacetField;
import org.apache.solr.client.solrj.response.QueryResponse;
import org.apache.solr.client.solrj.util.ClientUtils;
import org.apache.solr.common.SolrDocument;
import org.apache.solr.common.SolrException;
import org.apache.solr.common.SolrInputDocument;
import org.apache.solr.common.params.ModifiableSolrParams;
import org.apache.solr.common.util.NamedList;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Vectors and failures in a SolrCloud collection, so that many machines index into one shared, sharded and replicated
 * store and search it there ({@link SolrNeighbours}). The path cache and the fitted similarity state stay on this
 * machine in a local {@link EmbeddingStore} (they describe this machine's files and are cheap to rebuild).
 *
 * <p>One document per (content hash, model): id {@code <hash>|<store key>}, so writing the same content twice, from
 * one machine or many at once, replaces a document with an equal one. A collection holds one model: its schema fixes
 * the vector length, and the first writer records the model in a marker document (created with optimistic
 * concurrency, so two first writers cannot both win); another model is refused with a message.
 *
 * <p>Writes are acknowledged once every live replica of each shard has the batch in its transaction log (durable
 * before any commit); reads by id use real-time get, so a batch is readable as soon as it was acknowledged. Commits
 * follow the collection's bounded policy (configset: soft commit within 5 s, hard commit within 15 s) plus one at
 * {@link #close()}. A batch spans shards, so it is not atomic as the local store's transaction is: a batch that fails
 * half-way leaves some documents written, and the next run (which skips what is there) writes the rest. A failing
 * write is retried for up to {@link #RETRY_MILLIS} ms while a node is down and its replicas take over.
 */
public final class SolrVectorStore implements VectorStore {
    /** Id of the document that records which model the collection holds. */
    static final String MODEL_DOC = "pinwall-model";
    static final String KIND_VECTOR = "vector";
    static final String KIND_FAILURE = "failure";
    static final String KIND_MODEL = "model";
    /** Documents per update request and ids per real-time get. */
    static final int BATCH = 500;
    static final long RETRY_MILLIS = 60_000;

    private final SolrTarget target;
    private final CloudSolrClient client;
    private final VectorStore local;
    private final int dimension;
    private final Map<String, PhotoFacts> facts = new ConcurrentHashMap<>();
    private volatile String model;
    private volatile boolean wrote;

    private SolrVectorStore(SolrTarget target, CloudSolrClient client, VectorStore local, int dimension, String model) {
        this.target = target;
        this.client = client;
        this.local = local;
        this.dimension = dimension;
        this.model = model;
    }

    /**
     * Connects to the collection and checks that it is a Pinwall collection, then opens {@code local}, which keeps this
     * machine's path cache and fitted state and is closed with this store.
     *
     * @throws StoreException when Solr cannot be reached, the collection does not exist or is not a Pinwall
     *                        collection (nothing local is opened then)
     */
    public static SolrVectorStore open(SolrTarget target, LocalOpener local) throws StoreException {
        CloudSolrClient client = null;
        try {
            client = SolrConnection.client(target);
            requireCollection(client, target);
            int dimension = schemaDimension(client, target);
            SolrDocument marker = client.getById(target.collection(), MODEL_DOC);
            String model = marker == null ? null : (String) marker.getFirstValue("store_key");
            // only once the collection answered: an unreachable cluster leaves nothing local touched
            return new SolrVectorStore(target, client, local.open(), dimension, model);
        } catch (StoreException e) {
            closeQuietly(client);
            throw e;
        } catch (Exception e) {
            closeQuietly(client);
            throw SolrConnection.failure(target, "opening it", e);
        }
    }

    /** Opens the local store that keeps this machine's path cache and fitted state. */
    @FunctionalInterface
    public interface LocalOpener {
        VectorStore open() throws StoreException;
    }

    private static void requireCollection(CloudSolrClient client, SolrTarget target) throws Exception {
        NamedList<Object> status = CollectionAdminRequest.getClusterStatus().process(client).getResponse();
        Object cluster = status.get("cluster");
        Object collections = cluster instanceof NamedList<?> c ? c.get("collections") : null;
        boolean found = collections instanceof NamedList<?> n ? n.get(target.collection()) != null
                : collections instanceof Map<?, ?> m && m.containsKey(target.collection());
        if (!found) {
            throw new StoreException("the Solr cluster has no collection '" + target.collection() + "'; create it with "
                    + "'pinwall solr create-collection --name " + target.collection() + " --dim D ...'");
        }
    }

    private static int schemaDimension(CloudSolrClient client, SolrTarget target) throws Exception {
        SchemaRequest.FieldType request = new SchemaRequest.FieldType(SolrCollections.VECTOR_TYPE);
        Map<String, Object> attributes;
        try {
            attributes = request.process(client, target.collection()).getFieldType().getAttributes();
        } catch (SolrException e) {
            throw new StoreException("the Solr collection '" + target.collection() + "' is not a Pinwall collection "
                    + "(its schema has no '" + SolrCollections.VECTOR_TYPE + "' field type); create one with 'pinwall "
                    + "solr create-collection'", e);
        }
        Object dim = attributes.get("vectorDimension");
        if (dim == null) {
            throw new StoreException("the Solr collection '" + target.collection() + "' does not say its vector length");
        }
        return Integer.parseInt(dim.toString());
    }

    /** The vector length the collection's schema fixes. */
    public int dimension() {
        return dimension;
    }

    /** The model (store key) whose vectors the collection holds, or empty before anything was written. */
    public Optional<String> model() {
        return Optional.ofNullable(model);
    }

    /** The collection this store writes to. */
    public SolrTarget target() {
        return target;
    }

    CloudSolrClient client() {
        return client;
    }

    @Override
    public String location() {
        return target.spec();
    }

    /** Refuses a model other than the one the collection holds. */
    private void requireModel(String storeKey) throws StoreException {
        String held = model;
        if (held != null && !held.equals(storeKey)) {
            throw otherModel(held, storeKey);
        }
    }

    private StoreException otherModel(String held, String storeKey) {
        return new StoreException("the Solr collection '" + target.collection() + "' holds vectors of model " + held
                + ", not " + storeKey + "; use that model, or another collection for this one");
    }

    /** Records {@code storeKey} as the collection's model unless another writer recorded one first. */
    private void claimModel(String storeKey, int length) throws StoreException {
        if (length != dimension) {
            throw new StoreException("the Solr collection '" + target.collection() + "' takes " + dimension
                    + "-dimensional vectors; model " + storeKey + " gives " + length + " (another model's collection)");
        }
        if (model != null) {
            requireModel(storeKey);
            return;
        }
        SolrInputDocument marker = new SolrInputDocument();
        marker.setField("id", MODEL_DOC);
        marker.setField("kind", KIND_MODEL);
        marker.setField("store_key", storeKey);
        marker.setField("dimension", length);
        marker.setField("_version_", -1L); // only if absent: of two first writers, one wins
        try {
            new UpdateRequest().add(marker).process(client, target.collection());
            model = storeKey;
        } catch (SolrException e) {
            if (e.code() != 409) {
                throw SolrConnection.failure(target, "recording its model", e);
            }
            try {
                SolrDocument existing = client.getById(target.collection(), MODEL_DOC);
                model = existing == null ? null : (String) existing.getFirstValue("store_key");
            } catch (Exception again) {
                throw SolrConnection.failure(target, "reading its model", again);
            }
            requireModel(storeKey);
        } catch (Exception e) {
            throw SolrConnection.failure(target, "recording its model", e);
        }
    }

    static String id(String hash, String storeKey) {
        return hash + "|" + storeKey;
    }

    @Override
    public Map<String, float[]> vectors(String storeKey, Collection<String> hashes) throws StoreException {
        requireModel(storeKey);
        Map<String, float[]> found = new HashMap<>();
        for (SolrDocument doc : getByHash(storeKey, hashes, "reading vectors")) {
            if (KIND_VECTOR.equals(doc.getFirstValue("kind"))) {
                float[] vector = vectorOf(doc.getFieldValues("vector"));
                if (vector != null) {
                    found.put((String) doc.getFirstValue("hash"), vector);
                }
            }
        }
        return found;
    }

    @Override
    public Map<String, String> failures(String storeKey, Collection<String> hashes) throws StoreException {
        requireModel(storeKey);
        Map<String, String> found = new HashMap<>();
        for (SolrDocument doc : getByHash(storeKey, hashes, "reading failures")) {
            if (KIND_FAILURE.equals(doc.getFirstValue("kind"))) {
                found.put((String) doc.getFirstValue("hash"), String.valueOf(doc.getFirstValue("failure")));
            }
        }
        return found;
    }

    /** Real-time get: sees every acknowledged write, committed or not. */
    private List<SolrDocument> getByHash(String storeKey, Collection<String> hashes, String doing)
            throws StoreException {
        if (model == null || hashes.isEmpty()) {
            return List.of();
        }
        List<String> ids = new ArrayList<>(new LinkedHashSet<>(hashes)).stream().map(h -> id(h, storeKey)).toList();
        List<SolrDocument> docs = new ArrayList<>();
        for (int from = 0; from < ids.size(); from += BATCH) {
            ModifiableSolrParams params = new ModifiableSolrParams();
            params.set("qt", "/get");
            params.set("fl", "hash,kind,vector,failure");
            ids.subList(from, Math.min(ids.size(), from + BATCH)).forEach(id -> params.add("id", id));
            // POST: hundreds of ids do not fit in a request line
            QueryResponse got = retrying(doing, () -> new QueryRequest(params, SolrRequest.METHOD.POST)
                    .process(client, target.collection()));
            if (got.getResults() != null) {
                docs.addAll(got.getResults());
            } else if (got.getResponse().get("doc") instanceof SolrDocument one) {
                docs.add(one); // real-time get answers a single id with "doc", not a list
            }
        }
        return docs;
    }

    /** The stored vector, or null when it is damaged (wrong length, not finite) so it reads as missing. */
    private float[] vectorOf(Collection<Object> values) {
        if (values == null || values.size() != dimension) {
            return null;
        }
        float[] vector = new float[dimension];
        int i = 0;
        for (Object value : values) {
            float f = ((Number) value).floatValue();
            if (!Float.isFinite(f)) {
                return null;
            }
            vector[i++] = f;
        }
        return vector;
    }

    @Override
    public void describe(String storeKey, Map<String, PhotoFacts> factsByHash) {
        facts.putAll(factsByHash);
    }

    @Override
    public void putAll(String storeKey, Map<String, float[]> vectors, Map<String, String> failures)
            throws StoreException {
        if (vectors.isEmpty() && failures.isEmpty()) {
            return;
        }
        if (!vectors.isEmpty()) {
            claimModel(storeKey, vectors.values().iterator().next().length);
        } else {
            requireModel(storeKey);
        }
        List<SolrInputDocument> docs = new ArrayList<>(vectors.size() + failures.size());
        for (Map.Entry<String, float[]> e : vectors.entrySet()) {
            float[] v = e.getValue();
            if (v.length != dimension) {
                throw new StoreException("vector of " + e.getKey() + " has " + v.length + " values; the collection "
                        + "takes " + dimension);
            }
            List<Float> values = new ArrayList<>(v.length);
            for (float f : v) {
                values.add(f);
            }
            SolrInputDocument doc = document(e.getKey(), storeKey, KIND_VECTOR);
            doc.setField("vector", values);
            doc.setField("dimension", v.length);
            docs.add(doc);
        }
        for (Map.Entry<String, String> e : failures.entrySet()) {
            if (vectors.containsKey(e.getKey())) {
                continue;
            }
            SolrInputDocument doc = document(e.getKey(), storeKey, KIND_FAILURE);
            doc.setField("failure", e.getValue());
            docs.add(doc);
        }
        for (int from = 0; from < docs.size(); from += BATCH) {
            List<SolrInputDocument> chunk = docs.subList(from, Math.min(docs.size(), from + BATCH));
            retrying("writing " + chunk.size() + " documents", () -> new UpdateRequest().add(chunk)
                    .process(client, target.collection()));
        }
        wrote = true;
    }

    private SolrInputDocument document(String hash, String storeKey, String kind) {
        SolrInputDocument doc = new SolrInputDocument();
        doc.setField("id", id(hash, storeKey));
        doc.setField("hash", hash);
        doc.setField("store_key", storeKey);
        doc.setField("kind", kind);
        PhotoFacts known = facts.get(hash);
        if (known != null) {
            if (!known.paths().isEmpty()) {
                doc.setField("path", known.paths());
            }
            known.labels().forEach((field, value) -> {
                if (SolrCollections.LABEL_FIELDS.contains(field) && !value.isEmpty()) {
                    doc.setField(field, value);
                }
            });
        }
        return doc;
    }

    /** A Solr call. */
    interface Call<T> {
        T run() throws Exception;
    }

    /**
     * Runs {@code call}, retrying a transient failure (a node down, a leader being elected) for up to
     * {@link #RETRY_MILLIS}; safe because every write here is idempotent.
     */
    <T> T retrying(String doing, Call<T> call) throws StoreException {
        long deadline = System.currentTimeMillis() + RETRY_MILLIS;
        long pause = 250;
        while (true) {
            try {
                return call.run();
            } catch (Exception e) {
                if (!SolrConnection.transientFailure(e) || System.currentTimeMillis() + pause > deadline) {
                    throw SolrConnection.failure(target, doing, e);
                }
                try {
                    Thread.sleep(pause);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw SolrConnection.failure(target, doing, e);
                }
                pause = Math.min(pause * 2, 4000);
            }
        }
    }

    /** Makes everything written so far searchable (a hard commit); writers call it once at the end. */
    public void commit() throws StoreException {
        retrying("committing", () -> client.commit(target.collection(), true, true));
        wrote = false;
    }

    /** Commits first when this store wrote since its last commit, so that a search sees its own writes. */
    void commitIfWritten() throws StoreException {
        if (wrote) {
            commit();
        }
    }

    /** Related served by the collection: Solr's pre-filtered kNN ({@link SolrNeighbours}). */
    @Override
    public Optional<dev.pinwall.store.StoreSearch> search(String storeKey) {
        SolrNeighbours neighbours = new SolrNeighbours(this);
        return Optional.of((query, k, labels) -> {
            requireModel(storeKey);
            commitIfWritten();
            return neighbours.nearest(query, k, labels, java.util.List.of()).stream()
                    .map(n -> new dev.pinwall.store.StoreSearch.Result(n.hash(), n.cosine())).toList();
        });
    }

    @Override
    public int count(String storeKey) throws StoreException {
        if (model == null || !model.equals(storeKey)) {
            return 0;
        }
        commitIfWritten();
        SolrQuery query = new SolrQuery("*:*").addFilterQuery("kind:" + KIND_VECTOR).setRows(0);
        QueryResponse response = retrying("counting vectors", () -> client.query(target.collection(), query,
                SolrRequest.METHOD.POST));
        return Math.toIntExact(response.getResults().getNumFound());
    }

    @Override
    public SortedMap<String, float[]> vectorsAfter(String storeKey, String afterHash, int limit)
            throws StoreException {
        SortedMap<String, float[]> page = new TreeMap<>();
        if (model == null || !model.equals(storeKey)) {
            return page;
        }
        commitIfWritten();
        SolrQuery query = new SolrQuery("*:*").addFilterQuery("kind:" + KIND_VECTOR)
                .setFields("hash", "vector").setSort("hash", SolrQuery.ORDER.asc).setRows(limit);
        if (!afterHash.isEmpty()) {
            query.addFilterQuery("hash:{" + ClientUtils.escapeQueryChars(afterHash) + " TO *]");
        }
        QueryResponse response = retrying("reading vectors", () -> client.query(target.collection(), query,
                SolrRequest.METHOD.POST));
        for (SolrDocument doc : response.getResults()) {
            float[] vector = vectorOf(doc.getFieldValues("vector"));
            if (vector != null) {
                page.put((String) doc.getFirstValue("hash"), vector);
            }
        }
        return page;
    }

    @Override
    public Set<String> storeKeys() throws StoreException {
        commitIfWritten();
        SolrQuery query = new SolrQuery("*:*").addFilterQuery("kind:" + KIND_VECTOR).setRows(0).setFacet(true)
                .addFacetField("store_key").setFacetMinCount(1);
        QueryResponse response = retrying("listing models", () -> client.query(target.collection(), query));
        Set<String> keys = new TreeSet<>();
        FacetField field = response.getFacetField("store_key");
        if (field != null) {
            field.getValues().forEach(c -> keys.add(c.getName()));
        }
        return keys;
    }

    @Override
    public Optional<Integer> dimension(String storeKey) {
        return storeKey.equals(model) ? Optional.of(dimension) : Optional.empty();
    }

    @Override
    public Path localFolder() {
        return local.localFolder();
    }

    @Override
    public FileHashCache fileHashes() {
        return local.fileHashes();
    }

    @Override
    public FittedStateStore fittedStates() {
        return local.fittedStates();
    }

    @Override
    public void close() {
        try {
            if (wrote) {
                commit();
            }
        } catch (StoreException e) {
            // acknowledged writes are in the replicas' transaction logs; the collection's auto commit makes them visible
            System.getLogger(SolrVectorStore.class.getName()).log(System.Logger.Level.WARNING, e.getMessage());
        } finally {
            closeQuietly(client);
            local.close();
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable != null) {
            try {
                closeable.close();
            } catch (Exception ignored) {
                // closing a client that could not connect
            }
        }
    }
}
