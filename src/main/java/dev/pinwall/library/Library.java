package dev.pinwall.library;

import dev.pinwall.decode.DecodeException;
import dev.pinwall.decode.ImageDecoder;
import dev.pinwall.embed.Embedder;
import dev.pinwall.embed.EmbedderInfo;
import dev.pinwall.embed.EmbedException;
import dev.pinwall.embed.EmbeddingPipeline;
import dev.pinwall.embed.PipelineSettings;
import dev.pinwall.learn.Projection;
import dev.pinwall.metadata.ProductInfo;
import dev.pinwall.metadata.StylesCsv;
import dev.pinwall.scan.FileHasher;
import dev.pinwall.scan.ImageFiles;
import dev.pinwall.search.Hit;
import dev.pinwall.search.HnswIndex;
import dev.pinwall.search.NearestNeighbours;
import dev.pinwall.search.VectorIndex;
import dev.pinwall.similarity.CollectionSpace;
import dev.pinwall.similarity.FeatureLayout;
import dev.pinwall.similarity.ReciprocalReranker;
import dev.pinwall.similarity.SimilarityMode;
import dev.pinwall.store.VectorStore;
import dev.pinwall.store.FittedState;
import dev.pinwall.store.PhotoFacts;
import dev.pinwall.store.StoreException;
import dev.pinwall.store.StoreSearch;
import dev.pinwall.task.Cancellation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntPredicate;

/**
 * A folder of photos with one embedder: what the wall shows and what the command line indexes and searches.
 * Vectors live in the shared {@link VectorStore} keyed by content hash, and in memory in a {@link VectorIndex}.
 * All methods may do I/O or inference: never call them on a UI thread. They are safe to call from several
 * threads (an indexing run on one, queries on others).
 *
 * <p>Related photos are ranked by the {@link SimilarityMode} set with {@link #setSimilarityMode} (default
 * {@link SimilarityMode#COLLECTION}): a {@link CollectionSpace} fitted on this collection, saved in the store's
 * {@link dev.pinwall.store.FittedStateStore} and kept up to date at the end of each indexing run (photos computed
 * during a run are linked when it ends, so linking never slows the embedding). Until a photo is in the fit (fewer
 * than {@value #MIN_FIT_ROWS} photos, or a first run still going) its queries use the plain cosine, and {@link #effectiveMode()} says
 * so for the collection as a whole. With a learned projection ({@link #setProjection}) the same pipeline runs on the
 * projected vectors, in a space of their own whose fit is saved like the model's own. When the store searches
 * itself ({@link VectorStore#search}: a search cluster), plain-cosine queries of the model's vectors go to it.
 */
public final class Library implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Library.class);

    private final Path folder;
    private final Embedder embedder;
    private final VectorStore store;
    private final StylesCsv styles;
    private final PipelineSettings pipelineSettings;

    private final List<Photo> photos = Collections.synchronizedList(new ArrayList<>());
    private final Map<Path, Photo> byPath = new ConcurrentHashMap<>();
    private final Map<Path, Integer> rowOf = new ConcurrentHashMap<>();
    private final List<Photo> photoOfRow = Collections.synchronizedList(new ArrayList<>());
    private final Map<Path, String> failures = new ConcurrentHashMap<>();
    private final List<String> hashOfRow = Collections.synchronizedList(new ArrayList<>());
    /** The rows of each content hash (several photos may share a content), in row order. */
    private final Map<String, List<Integer>> rowsOfHash = new ConcurrentHashMap<>();
    /** The store's own search, when it serves one: plain queries go there instead of to {@link #index}. */
    private final Optional<StoreSearch> storeSearch;
    private final Map<Path, String> unreadable;
    private final VectorIndex index;
    private final CollectionSpace space;
    private final Object fitting = new Object();
    private volatile SimilarityMode mode = SimilarityMode.COLLECTION;
    /** From this many photos on, plain queries walk a search graph saved beside the store ({@link HnswIndex}). */
    private volatile int approximateFromRows = HnswIndex.AUTO_FROM_ROWS;
    /** The search graph over {@link #index}, or null while the collection is small (or the graph not ready). */
    private volatile HnswIndex approximate;
    private final Object graphing = new Object();
    /** The learned projection in use with its own vectors and space, or null. */
    private volatile Projected projected;

    /**
     * The collection seen through a projection: its projected vectors (rows as in {@link #index}) and a collection
     * space fitted on them (no root or centring of its own: the projection did both). The fit is saved like the
     * model's own, under the model's key plus the projection's fingerprint.
     */
    private record Projected(Projection projection, VectorIndex index, CollectionSpace space) {
    }

    private Library(Path folder, Embedder embedder, VectorStore store, StylesCsv styles,
                    ImageFiles.Listing listing, PipelineSettings pipelineSettings) {
        List<Path> files = listing.images();
        this.unreadable = listing.unreadable();
        this.folder = folder;
        this.embedder = embedder;
        this.store = store;
        this.styles = styles;
        this.pipelineSettings = pipelineSettings;
        this.index = new VectorIndex(embedder.info().dimension(), files.size());
        this.space = new CollectionSpace(index, layoutOf(embedder));
        this.storeSearch = store.search(embedder.info().storeKey());
        files.forEach(this::addPhoto);
    }

    /** Lists the folder's images (and reads its {@code styles.csv}); computes nothing. */
    public static Library open(Path folder, Embedder embedder, VectorStore store) throws IOException {
        return open(folder, embedder, store, PipelineSettings.defaults());
    }

    public static Library open(Path folder, Embedder embedder, VectorStore store, PipelineSettings settings)
            throws IOException {
        return open(scan(folder), embedder, store, settings);
    }

    /**
     * A folder's images and metadata as read by {@link #scan}: what a library needs of the folder, so the reading can
     * overlap other start-up work (loading the model) before the library is {@linkplain #open(Scanned, Embedder,
     * VectorStore, PipelineSettings) opened}.
     */
    public record Scanned(Path folder, ImageFiles.Listing files, StylesCsv styles) {
    }

    /** Lists the folder's images and reads its {@code styles.csv}; needs no model and no store. */
    public static Scanned scan(Path folder) throws IOException {
        Path absolute = folder.toAbsolutePath().normalize();
        ImageFiles.Listing files = ImageFiles.scan(absolute);
        StylesCsv styles = new StylesCsv(Map.of(), 0);
        Optional<Path> stylesFile = StylesCsv.find(absolute);
        if (stylesFile.isPresent()) {
            try {
                styles = StylesCsv.read(stylesFile.get(), files.images()); // only this folder's rows
            } catch (IOException e) {
                LOG.warn("Could not read {}: {}; going on without metadata", stylesFile.get(), e.getMessage());
            }
        }
        if (styles.skippedRows() > 0) {
            LOG.warn("{} rows of {} could not be read and were skipped", styles.skippedRows(), stylesFile.get());
        }
        return new Scanned(absolute, files, styles);
    }

    /** Opens a library on a folder {@linkplain #scan scanned} earlier; computes nothing. */
    public static Library open(Scanned scanned, Embedder embedder, VectorStore store, PipelineSettings settings) {
        LOG.info("Opened {}: {} images, {} metadata rows", scanned.folder(), scanned.files().images().size(),
                scanned.styles().products().size());
        return new Library(scanned.folder(), embedder, store, scanned.styles(), scanned.files(), settings);
    }

    public Path folder() {
        return folder;
    }

    /** What the folder scan could not follow or read (link loops, unreadable subfolders), with the reasons. */
    public Map<Path, String> unreadable() {
        return unreadable;
    }

    /** The photos in display order (by file name, numerically where names are numbers), then added ones. */
    public List<Photo> photos() {
        synchronized (photos) {
            return List.copyOf(photos);
        }
    }

    public Optional<Photo> photo(Path path) {
        return Optional.ofNullable(byPath.get(path.toAbsolutePath().normalize()));
    }

    public EmbedderInfo embedderInfo() {
        return embedder.info();
    }

    /** How related photos are ranked from now on; the window's setting. Cheap: nothing is refitted. */
    public void setSimilarityMode(SimilarityMode mode) {
        this.mode = java.util.Objects.requireNonNull(mode);
    }

    public SimilarityMode similarityMode() {
        return mode;
    }

    /** The mode queries really use now: {@link SimilarityMode#PLAIN} while the collection's fit is not ready. */
    public SimilarityMode effectiveMode() {
        Projected p = projected;
        CollectionSpace s = p != null ? p.space() : space;
        return mode != SimilarityMode.PLAIN && s.isFitted() ? mode : SimilarityMode.PLAIN;
    }

    /**
     * Searches through a learned projection from now on ({@code null}: the model's own vectors again). Every stored
     * vector is projected and, with {@value #MIN_FIT_ROWS} photos or more, a collection space is fitted on the
     * projected vectors (all pairs: seconds at a few thousand photos), so call it off the UI thread. The similarity
     * mode applies after the projection; {@link SimilarityMode#PLAIN} is the cosine of projected vectors.
     *
     * @throws IllegalArgumentException when the projection was learned for another model
     */
    public void setProjection(Projection projection) {
        if (projection == null) {
            projected = null;
            return;
        }
        projection.requireModel(embedder.info());
        synchronized (fitting) {
            VectorIndex projectedIndex = new VectorIndex(projection.outputDimension(), index.size());
            Projected p = new Projected(projection, projectedIndex,
                    CollectionSpace.ofPrepared(projectedIndex, FeatureLayout.single(projection.outputDimension())));
            syncProjected(p, true);
            projected = p;
        }
    }

    /** The projection in use, if any. */
    public Optional<Projection> projection() {
        Projected p = projected;
        return p == null ? Optional.empty() : Optional.of(p.projection());
    }

    /** Projects the rows added since, then fits the projected space, refits it after much growth, or links them. */
    private void syncProjected(Projected p, boolean fitIfNeeded) {
        int before = p.index().size();
        for (int r = before; r < index.size(); r++) {
            p.index().add(p.projection().apply(index.vector(r)));
        }
        bringUpToDate(p.space(), p.index(), projectedStateKey(p.projection()), fitIfNeeded);
    }

    /** Fitted state of a projected space is kept under the model's key plus the projection's fingerprint. */
    private static String projectedStateKey(Projection projection) {
        return projection.storeKey() + "#projection-" + projection.fingerprint();
    }

    public boolean isEmbedded(Photo photo) {
        return rowOf.containsKey(photo.path());
    }

    /** Why the photo could not be embedded, if it could not. */
    public Optional<String> failure(Photo photo) {
        return Optional.ofNullable(failures.get(photo.path()));
    }

    /** The photo's unit-length vector, if it has one. */
    public Optional<float[]> vector(Photo photo) {
        Integer row = rowOf.get(photo.path());
        return row == null ? Optional.empty() : Optional.of(index.vector(row));
    }

    /** The photo's content hash (SHA-256 of its bytes), once it is embedded. */
    public Optional<String> contentHash(Photo photo) {
        Integer row = rowOf.get(photo.path());
        return row == null ? Optional.empty() : Optional.of(hashOfRow.get(row));
    }

    /**
     * The embedded photos as they are now: row {@code r} of {@code vectors} (unit vectors of the model) is
     * {@code photos.get(r)}, whose content hash is {@code hashes.get(r)}. Rows embedded later lie beyond the lists.
     */
    public record Embedded(List<Photo> photos, List<String> hashes, VectorIndex vectors) {
    }

    /** A snapshot of the embedded photos, their hashes and the (shared, growing) vectors; see {@link Embedded}. */
    public Embedded embedded() {
        synchronized (photoOfRow) {
            synchronized (hashOfRow) {
                return new Embedded(List.copyOf(photoOfRow), List.copyOf(hashOfRow), index);
            }
        }
    }

    /**
     * Loads stored vectors and computes the missing ones; returns when done or cancelled. Each computed batch is
     * written to the store in one transaction before it is announced, so a crash loses only the batch in flight.
     */
    public IndexReport index(IndexListener listener, Cancellation cancellation) throws StoreException {
        long started = System.nanoTime();
        List<Photo> pending = photos().stream()
                .filter(p -> !rowOf.containsKey(p.path()) && !failures.containsKey(p.path()))
                .toList();
        String storeKey = embedder.info().storeKey();

        // Content hashes: cached in the store by path, size and modification time.
        FileHasher.Result hashed = new FileHasher(store).hash(pending.stream().map(Photo::path).toList(), cancellation);
        hashed.failures().forEach((path, reason) -> fail(byPath.get(path), reason, listener));

        Map<String, List<Photo>> photosByHash = new LinkedHashMap<>();
        for (Photo photo : pending) {
            String hash = hashed.hashes().get(photo.path());
            if (hash != null) {
                photosByHash.computeIfAbsent(hash, h -> new ArrayList<>()).add(photo);
            }
        }

        // Vectors and failures already in the store.
        Map<String, float[]> stored = store.vectors(storeKey, photosByHash.keySet());
        for (Map.Entry<String, float[]> entry : stored.entrySet()) {
            for (Photo photo : photosByHash.remove(entry.getKey())) {
                accept(photo, entry.getValue(), entry.getKey(), listener);
            }
        }
        prepareSpace(storeKey, false);
        Map<String, String> knownFailures = store.failures(storeKey, photosByHash.keySet());
        for (Map.Entry<String, String> entry : knownFailures.entrySet()) {
            for (Photo photo : photosByHash.remove(entry.getKey())) {
                fail(photo, entry.getValue(), listener);
            }
        }

        // Compute the rest: one file per distinct content.
        Map<Path, String> hashOfFile = new HashMap<>();
        photosByHash.forEach((hash, group) -> hashOfFile.put(group.get(0).path(), hash));
        int total = hashOfFile.size();
        if (total > 0) {
            store.describe(storeKey, facts(photosByHash));
        }
        AtomicInteger done = new AtomicInteger();
        AtomicInteger added = new AtomicInteger();
        long computeStarted = System.nanoTime();
        StoreException[] storeFailure = new StoreException[1];
        Cancellation runCancellation = cancellation.child();
        if (total > 0) {
            listener.onProgress(new IndexProgress(0, total, 0, null));
            EmbeddingPipeline pipeline = new EmbeddingPipeline(embedder, pipelineSettings);
            pipeline.run(new ArrayList<>(hashOfFile.keySet()), (vectors, failed) -> {
                Map<String, float[]> byHash = new HashMap<>();
                vectors.forEach(v -> byHash.put(hashOfFile.get(v.file()), v.vector()));
                Map<String, String> failedByHash = new HashMap<>();
                failed.forEach((path, reason) -> failedByHash.put(hashOfFile.get(path), reason));
                try {
                    store.putAll(storeKey, byHash, failedByHash);
                } catch (StoreException e) {
                    // Nothing of this batch is announced; stop the run rather than compute what cannot be kept.
                    storeFailure[0] = e;
                    runCancellation.cancel();
                    return;
                }
                vectors.forEach(v -> photosByHash.get(hashOfFile.get(v.file()))
                        .forEach(p -> accept(p, v.vector(), hashOfFile.get(v.file()), listener)));
                failed.forEach((path, reason) -> photosByHash.get(hashOfFile.get(path)).forEach(p -> fail(p, reason, listener)));
                added.addAndGet(vectors.size());
                int n = done.addAndGet(vectors.size() + failed.size());
                double seconds = (System.nanoTime() - computeStarted) / 1e9;
                double rate = seconds > 0 ? n / seconds : 0;
                Duration left = rate > 0 ? Duration.ofMillis((long) ((total - n) / rate * 1000)) : null;
                listener.onProgress(new IndexProgress(n, total, rate, left));
            }, runCancellation);
        }
        if (storeFailure[0] != null) {
            throw storeFailure[0];
        }
        prepareSpace(storeKey, true);
        prepareGraph(storeKey);
        double computeSeconds = (System.nanoTime() - computeStarted) / 1e9;
        double rate = added.get() > 0 && computeSeconds > 0 ? added.get() / computeSeconds : 0;
        Map<Path, String> failedNow = new LinkedHashMap<>();
        for (Photo photo : photos()) {
            String reason = failures.get(photo.path());
            if (reason != null) {
                failedNow.put(photo.path(), reason);
            }
        }
        int withVector;
        int distinct;
        synchronized (photoOfRow) {
            withVector = rowOf.size();
            synchronized (hashOfRow) {
                distinct = new HashSet<>(hashOfRow).size();
            }
        }
        // A photo whose content another photo already has shares its vector: a duplicate, neither new nor cached.
        IndexReport report = new IndexReport(withVector, added.get(), distinct - added.get(), withVector - distinct,
                failedNow, rate, cancellation.isCancelled());
        LOG.info("{} in {} ms ({})", report.summaryLine(), (System.nanoTime() - started) / 1_000_000, folder);
        return report;
    }

    /** The photos most similar to {@code photo} (itself excluded), or empty when it has no vector yet. */
    public Optional<List<Match>> related(Photo photo, RelatedQuery query) {
        Integer row = rowOf.get(photo.path());
        if (row == null) {
            return Optional.empty();
        }
        int self = row;
        IntPredicate accept = r -> query.accepts(photoOfRow.get(r));
        IntPredicate others = r -> r != self && accept.test(r);
        Projected p = projected;
        VectorIndex vectors = p != null ? p.index() : index;
        CollectionSpace s = p != null ? p.space() : space;
        if (p != null && row >= vectors.size()) {
            // Added since the projection was last brought up to date (it is at the end of each indexing run).
            return Optional.of(toMatches(plainNearest(index, index.vector(row), others, query)));
        }
        SimilarityMode using = effectiveMode();
        if (using == SimilarityMode.PLAIN || row >= s.size()) {
            return Optional.of(toMatches(plainNearest(vectors, vectors.vector(row), others, query)));
        }
        if (using == SimilarityMode.COLLECTION) {
            return Optional.of(toMatches(s.nearest(row, query.k(), accept, query.minScore())));
        }
        return Optional.of(toMatches(reranked(s, s.vector(row), others, query)));
    }

    /**
     * Every pair of photos whose plain cosine (L2-normalised model vectors, whatever the similarity mode) is at least
     * {@code minScore}, exactly ({@link dev.pinwall.duplicates.DuplicateFinder}): the near-duplicates of the
     * collection, to be grouped at that threshold or a higher one. Compares all pairs: seconds at a few thousand
     * photos, minutes at 44,000.
     */
    public NearDuplicates nearDuplicates(float minScore) {
        List<Photo> rows;
        synchronized (photoOfRow) { // a photo's row is added under this lock, so the two lists agree here
            rows = List.copyOf(photoOfRow.subList(0, index.size()));
        }
        return new NearDuplicates(rows, dev.pinwall.duplicates.DuplicateFinder.pairs(index, rows.size(), minScore),
                minScore);
    }

    /** Photos most similar to an image that need not be in the collection (the image itself is left out). */
    public List<Match> similarTo(Path image, RelatedQuery query) throws DecodeException, EmbedException {
        Path path = image.toAbsolutePath().normalize();
        float[] vector = embed(path);
        IntPredicate accept = r -> !photoOfRow.get(r).path().equals(path) && query.accepts(photoOfRow.get(r));
        Projected p = projected;
        VectorIndex vectors = index;
        CollectionSpace s = space;
        if (p != null) {
            vector = p.projection().apply(vector);
            vectors = p.index();
            s = p.space();
            int covered = vectors.size();
            IntPredicate inside = accept;
            accept = r -> r < covered && inside.test(r);
        }
        SimilarityMode using = effectiveMode();
        if (using == SimilarityMode.PLAIN) {
            return toMatches(plainNearest(vectors, vector, accept, query));
        }
        float[] expanded = s.outsideQuery(vector, accept);
        if (using == SimilarityMode.COLLECTION) {
            return toMatches(s.nearestTo(expanded, query.k(), accept, query.minScore()));
        }
        return toMatches(reranked(s, expanded, accept, query));
    }

    /** k-reciprocal re-ranking of the query's best candidates in a collection space. */
    private static List<Hit> reranked(CollectionSpace s, float[] queryVector, IntPredicate accept, RelatedQuery query) {
        ReciprocalReranker reranker = ReciprocalReranker.DEFAULT;
        List<Hit> candidates = s.nearestTo(queryVector, Math.max(query.k(), reranker.candidates()), accept,
                query.minScore());
        return reranker.rerank(queryVector, candidates, candidates.stream().map(h -> s.vector(h.row())).toList(),
                query.k());
    }

    /**
     * The plain-cosine search over {@code vectors}: the store's own search when it serves one and {@code vectors} are
     * the model's (not a projection's), else the graph when it covers them, else the exact scan.
     */
    private List<Hit> plainNearest(VectorIndex vectors, float[] query, IntPredicate accept, RelatedQuery related) {
        if (storeSearch.isPresent() && vectors == index) {
            return storeNearest(storeSearch.get(), query, accept, related);
        }
        return plain(vectors).nearest(query, related.k(), accept, related.minScore());
    }

    /** Candidates asked of the store at most, however many of them lie outside this folder or fail the filter. */
    static final int MAX_STORE_CANDIDATES = 10_000;

    /**
     * The store's nearest contents mapped to this folder's rows: contents not in the folder, and rows that
     * {@code accept} turns down, are skipped, so it asks for more (four times as many each round, up to
     * {@value #MAX_STORE_CANDIDATES}) until {@code k} rows are found or the store has no more. The query's labels go
     * to the store (filtered before its search), and are checked here too against the folder's own labels.
     */
    private List<Hit> storeNearest(StoreSearch search, float[] query, IntPredicate accept, RelatedQuery related) {
        int k = related.k();
        int ask = 2 * k + 1;
        while (true) {
            List<StoreSearch.Result> found;
            try {
                found = search.nearest(query, ask, related.labels());
            } catch (StoreException e) {
                // Unchecked so that Related keeps its signature; the message is the store's, written for users.
                throw new IllegalStateException(e.getMessage(), e);
            }
            List<Hit> hits = new ArrayList<>(k);
            boolean belowMinimum = false;
            collect:
            for (StoreSearch.Result result : found) {
                if (result.cosine() < related.minScore()) {
                    belowMinimum = true;
                    break;
                }
                for (int row : rowsOfHash.getOrDefault(result.hash(), List.of())) {
                    if (accept.test(row)) {
                        hits.add(new Hit(row, result.cosine()));
                        if (hits.size() == k) {
                            break collect;
                        }
                    }
                }
            }
            if (hits.size() == k || belowMinimum || found.size() < ask || ask >= MAX_STORE_CANDIDATES) {
                return hits;
            }
            ask = Math.min(MAX_STORE_CANDIDATES, ask * 4);
        }
    }

    /** Whether plain queries are answered by the store's own search (a search cluster) rather than in memory. */
    public boolean searchesInStore() {
        return storeSearch.isPresent() && projected == null;
    }

    /** The plain-cosine search over {@code vectors}: the graph when it covers them, else the exact scan. */
    private NearestNeighbours plain(VectorIndex vectors) {
        HnswIndex graph = approximate;
        return graph != null && vectors == index ? graph : vectors;
    }

    /**
     * Plain queries use a search graph from {@code rows} photos on (default {@link HnswIndex#AUTO_FROM_ROWS}); takes
     * effect at the end of the next indexing run.
     */
    public void setApproximateSearchFrom(int rows) {
        approximateFromRows = rows;
    }

    /** Whether plain queries walk a search graph (the collection reached the size for one). */
    public boolean usesApproximateSearch() {
        return approximate != null;
    }

    /**
     * From {@link #approximateFromRows} photos on: loads the saved search graph (or builds it when it is missing or
     * does not match), inserts photos added since, and saves it. A failure to save is logged; the graph is kept.
     */
    private void prepareGraph(String storeKey) {
        synchronized (graphing) {
            if (index.size() < approximateFromRows || storeSearch.isPresent()) { // the store searches itself
                return;
            }
            Path file = graphFile(storeKey);
            HnswIndex graph = approximate;
            if (graph == null) {
                // Rows are named by content, so a collection loaded in another order keeps its saved graph.
                graph = HnswIndex.open(file, index, HnswIndex.Settings.DEFAULT, rowKeys());
            } else {
                graph.catchUp();
            }
            approximate = graph;
            if (graph.hasUnsavedRows()) {
                try {
                    graph.save(file, rowKeys()); // taken after the graph: a key for every row it holds
                } catch (IOException e) {
                    LOG.warn("Could not save the search graph {}: {}; it is rebuilt next time", file, e.getMessage());
                }
            }
        }
    }

    private List<String> rowKeys() {
        synchronized (hashOfRow) {
            return List.copyOf(hashOfRow);
        }
    }

    /** One graph file per collection and model, in the store's local folder. */
    private Path graphFile(String storeKey) {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                    .digest((collectionKey() + "\n" + storeKey).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return store.localFolder().resolve("search-graphs")
                    .resolve(java.util.HexFormat.of().formatHex(digest, 0, 12) + ".graph");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /** Fused embedders give their blocks (second backbone at half weight); others are one block. */
    private static FeatureLayout layoutOf(Embedder embedder) {
        return embedder instanceof dev.pinwall.embed.FusedEmbedder fused
                ? FeatureLayout.fused(fused.blockSizes())
                : FeatureLayout.single(embedder.info().dimension());
    }

    /**
     * Smaller collections keep the plain cosine: each photo is blended with 10 neighbours, which in a few dozen photos
     * reach into other kinds, and the mean of so few says little about the collection.
     */
    public static final int MIN_FIT_ROWS = 100;
    /** Below this share of photos with a saved neighbour list, a saved state is dropped and refitted. */
    private static final double MIN_RESTORED_SHARE = 0.5;

    /**
     * Brings the space up to date: restores the saved fit or fits afresh when there is none (or it covers too few
     * photos), links photos added since, and saves what changed. A failure to save is logged: the fit is kept in
     * memory and redone next time.
     */
    private void prepareSpace(String storeKey, boolean fitIfNeeded) {
        synchronized (fitting) {
            bringUpToDate(space, index, storeKey, fitIfNeeded);
            Projected p = projected;
            if (p != null) {
                syncProjected(p, fitIfNeeded);
            }
        }
    }

    /** {@link #prepareSpace} for one space: the model's own, or a projection's (saved under its own state key). */
    private void bringUpToDate(CollectionSpace s, VectorIndex vectors, String stateKey, boolean fitIfNeeded) {
        if (!s.isFitted()) {
            Optional<FittedState> saved = Optional.empty();
            try {
                saved = store.fittedStates().load(collectionKey(), stateKey);
            } catch (StoreException e) {
                LOG.warn("Could not read the saved similarity fit: {}; fitting afresh", e.getMessage());
            }
            if (saved.isPresent() && !restore(s, vectors, saved.get()) && vectors.size() >= MIN_FIT_ROWS) {
                s.fit();
            } else if (saved.isEmpty() && fitIfNeeded && vectors.size() >= MIN_FIT_ROWS) {
                long started = System.nanoTime();
                s.fit();
                LOG.info("Fitted the collection similarity on {} photos in {} ms", vectors.size(),
                        (System.nanoTime() - started) / 1_000_000);
            }
        } else if (fitIfNeeded && vectors.size() - s.size() > CollectionSpace.REFIT_GROWTH * s.size()) {
            // Many new photos: a parallel fit from scratch beats linking them one pass at a time.
            s.fit();
        } else {
            s.catchUp();
        }
        if (s.isFitted()) {
            saveSpace(s, stateKey);
        }
    }

    /** Restores a saved fit when it matches and covers enough of the collection; false when it does not. */
    private boolean restore(CollectionSpace s, VectorIndex vectors, FittedState saved) {
        int n = s.isFitted() ? s.size() : vectors.size();
        if (saved.mean().length != vectors.dimension()) {
            return false;
        }
        Map<String, Integer> rowOfHash = new HashMap<>();
        List<String> hashes;
        synchronized (hashOfRow) {
            hashes = List.copyOf(hashOfRow.subList(0, n));
        }
        for (int r = 0; r < hashes.size(); r++) {
            rowOfHash.putIfAbsent(hashes.get(r), r);
        }
        Map<Integer, int[]> lists = new HashMap<>();
        for (int r = 0; r < hashes.size(); r++) {
            List<String> list = saved.neighbours().get(hashes.get(r));
            if (list != null) {
                lists.put(r, list.stream().map(rowOfHash::get).filter(java.util.Objects::nonNull)
                        .mapToInt(Integer::intValue).toArray());
            }
        }
        if (lists.size() < MIN_RESTORED_SHARE * n) {
            LOG.info("The saved similarity fit covers {} of {} photos: fitting afresh", lists.size(), n);
            return false;
        }
        s.restore(saved.mean(), saved.meanRows(), lists);
        return true;
    }

    private void saveSpace(CollectionSpace s, String stateKey) {
        CollectionSpace.State state = s.takeState();
        List<String> hashes;
        synchronized (hashOfRow) {
            hashes = List.copyOf(hashOfRow);
        }
        Map<String, List<String>> lists = new HashMap<>();
        state.changed().stream().filter(r -> r < hashes.size()).forEach(r -> lists.put(hashes.get(r),
                java.util.Arrays.stream(state.neighbours().get(r)).mapToObj(hashes::get).toList()));
        try {
            store.fittedStates().save(collectionKey(), stateKey, state.meanChanged() ? state.mean() : null,
                    state.meanRows(), lists);
        } catch (StoreException e) {
            LOG.warn("Could not save the similarity fit: {}; it will be redone next time", e.getMessage());
        }
    }

    private String collectionKey() {
        return folder.toString();
    }

    /** The embedder's vector of any image file (in the collection or not); nothing is stored. */
    public float[] embed(Path image) throws DecodeException, EmbedException {
        float[] vector;
        try (Embedder.Session session = embedder.newSession()) {
            vector = session.embed(List.of(ImageDecoder.decode(image.toAbsolutePath().normalize(),
                    pipelineSettings.decodeMinSide())))[0];
        }
        if (!EmbeddingPipeline.isFinite(vector)) {
            throw new EmbedException(EmbeddingPipeline.NON_FINITE + " for " + image.getFileName());
        }
        return vector;
    }

    /**
     * Adds image files, or folders of them, to the collection by reference (files are not copied and are not
     * remembered once another folder is opened). Call {@link #index} afterwards to embed them.
     */
    public AddResult add(List<Path> paths) {
        List<Photo> added = new ArrayList<>();
        Map<Path, String> rejected = new LinkedHashMap<>();
        for (Path given : paths) {
            Path path = given.toAbsolutePath().normalize();
            List<Path> files;
            if (Files.isDirectory(path)) {
                try {
                    files = ImageFiles.list(path);
                } catch (IOException e) {
                    rejected.put(path, e.getMessage());
                    continue;
                }
                if (files.isEmpty()) {
                    rejected.put(path, "folder has no images");
                }
            } else {
                files = List.of(path);
            }
            for (Path file : files) {
                if (!Files.exists(file)) {
                    rejected.put(file, "file not found");
                } else if (!ImageFiles.isSupported(file)) {
                    rejected.put(file, "not a supported image type (JPEG, PNG, BMP or GIF)");
                } else if (byPath.containsKey(file)) {
                    rejected.put(file, "already in the collection");
                } else {
                    added.add(addPhoto(file));
                }
            }
        }
        return new AddResult(List.copyOf(added), Collections.unmodifiableMap(rejected));
    }

    /** What {@link #add} took and what it turned down, with the reason for each. */
    public record AddResult(List<Photo> added, Map<Path, String> rejected) {
    }

    /** Paths and labels of the contents about to be computed, for stores that filter by them. */
    private static Map<String, PhotoFacts> facts(Map<String, List<Photo>> photosByHash) {
        Map<String, PhotoFacts> facts = new HashMap<>();
        photosByHash.forEach((hash, group) -> {
            Map<String, String> labels = group.get(0).productInfo().map(ProductInfo::labels).orElse(Map.of());
            facts.put(hash, new PhotoFacts(group.stream().map(p -> p.path().toString()).toList(), labels));
        });
        return facts;
    }

    /** Closes nothing shared: the caller owns the embedder and the store. */
    @Override
    public void close() {
    }

    private Photo addPhoto(Path file) {
        Photo photo = new Photo(file, styles.forImage(file).orElse(null));
        photos.add(photo);
        byPath.put(file, photo);
        return photo;
    }

    private void accept(Photo photo, float[] vector, String hash, IndexListener listener) {
        synchronized (photoOfRow) {
            if (rowOf.containsKey(photo.path())) {
                return;
            }
            // The photo goes in before its row, so a concurrent query never sees a row without a photo.
            photoOfRow.add(photo);
            hashOfRow.add(hash);
            int row = index.add(vector);
            rowsOfHash.computeIfAbsent(hash, h -> new java.util.concurrent.CopyOnWriteArrayList<>()).add(row);
            rowOf.put(photo.path(), row);
        }
        listener.onEmbedded(photo);
    }

    private void fail(Photo photo, String reason, IndexListener listener) {
        if (photo != null && failures.putIfAbsent(photo.path(), reason) == null) {
            LOG.info("Not embedded: {}: {}", photo.path(), reason); // the listener reports it to the user
            listener.onFailed(photo, reason);
        }
    }

    private List<Match> toMatches(List<Hit> hits) {
        return hits.stream().map(h -> new Match(photoOfRow.get(h.row()), h.score())).toList();
    }
}
