package dev.pinwall.search;

import io.github.jbellis.jvector.disk.ByteBufferReader;
import io.github.jbellis.jvector.graph.GraphIndexBuilder;
import io.github.jbellis.jvector.graph.GraphSearcher;
import io.github.jbellis.jvector.graph.SearchResult;
import io.github.jbellis.jvector.graph.similarity.BuildScoreProvider;
import io.github.jbellis.jvector.graph.similarity.ScoreFunction;
import io.github.jbellis.jvector.graph.similarity.SearchScoreProvider;
import io.github.jbellis.jvector.util.Bits;
import io.github.jbellis.jvector.vector.VectorizationProvider;
import io.github.jbellis.jvector.vector.types.VectorFloat;
import io.github.jbellis.jvector.vector.types.VectorTypeSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ForkJoinPool;
import java.util.function.IntPredicate;
import java.util.stream.IntStream;
import java.util.zip.CRC32;
import java.util.zip.CheckedOutputStream;

/**
 * Approximate nearest neighbours over the rows of an exact {@link VectorIndex}: a proximity graph built with jvector
 * ({@code GraphIndexBuilder}, a single-layer Vamana/DiskANN graph in the HNSW family) that a query walks instead of
 * scanning every row. The vectors stay in the {@link VectorIndex} (no second copy); the graph holds only neighbour
 * lists. Every hit's score is recomputed with the float vectors, so scores equal the exact index's to the bit; only
 * which rows come back is approximate.
 *
 * <p>Rows added to the {@link VectorIndex} after the graph last caught up ({@link #catchUp}) are still found: they are
 * scanned exactly and merged. A filter that accepts few rows (estimated from a sample) is answered by an exact scan of
 * the accepted rows; otherwise the graph search skips rejected rows, and if it still finds fewer than {@code k}
 * accepted rows the query falls back to the exact scan, so {@code k} results come back whenever {@code k} rows qualify.
 *
 * <p>The graph is saved to a file ({@link #save}, atomically) and loaded only when it matches the rows it is opened
 * over ({@link #open}): same dimension and settings, and a checksum of the vectors it covers; otherwise it is rebuilt.
 */
public final class HnswIndex implements NearestNeighbours {
    private static final Logger LOG = LoggerFactory.getLogger(HnswIndex.class);
    private static final VectorTypeSupport VTS = VectorizationProvider.getInstance().getVectorTypeSupport();
    private static final long MAGIC = 0x50494e57414e4e31L; // "PINWANN1"
    private static final int FORMAT = 2;
    /** Graph header: magic, format, dimension, rows, max degree, build beam, alpha, overflow, vector checksum. */
    private static final int HEADER_BYTES = 8 + 4 + 4 + 4 + 4 + 4 + 4 + 8;
    /**
     * From this many rows on, the library answers plain queries with the graph: below it the exact scan (parallel,
     * Vector API) is fast enough that exact results cost nothing noticeable.
     */
    public static final int AUTO_FROM_ROWS = 200_000;
    /** Filters accepting less than this share of rows are answered by an exact scan of the accepted rows. */
    static final double EXACT_BELOW_SHARE = 0.02;
    private static final int SAMPLE = 512;

    /** One pool for all builds: jvector's default uses half the cores (it counts hyper-threads as one core). */
    private static final ForkJoinPool BUILD_POOL = new ForkJoinPool(Runtime.getRuntime().availableProcessors(), pool -> {
        var thread = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(pool);
        thread.setName("pinwall-graph-" + thread.getPoolIndex());
        thread.setDaemon(true);
        return thread;
    }, null, false);

    /**
     * How the graph is built and searched: {@code maxDegree} neighbours per row, a beam of {@code buildBeam} while
     * inserting, {@code alpha} for the diversity pruning (above 1 keeps some long edges), and {@code searchWidth}
     * candidates kept while a query walks the graph (more is slower and closer to exact). Only the first three shape
     * the saved graph.
     */
    public record Settings(int maxDegree, int buildBeam, float alpha, int searchWidth) {
        /**
         * Chosen with {@code pinwall bench search} on vectors derived from fashion-dev's MobileNetV2 embeddings:
         * recall@10 at width 100 / 200 / 400 was 1.000 / 1.000 / 1.000 at 44k x 1280, 0.982 / 1.000 / 1.000 at
         * 200k x 256 and 0.932 / 0.932 / 0.974 at 1M x 256 (1.25 ms a query at 400).
         */
        public static final Settings DEFAULT = new Settings(16, 100, 1.2f, 400);

        public Settings {
            if (maxDegree < 2 || buildBeam < 1 || alpha < 1f || searchWidth < 1) {
                throw new IllegalArgumentException("bad graph settings: " + maxDegree + ", " + buildBeam + ", "
                        + alpha + ", " + searchWidth);
            }
        }

        /** The same graph, searched with another width. */
        public Settings withSearchWidth(int width) {
            return new Settings(maxDegree, buildBeam, alpha, width);
        }
    }

    private final VectorIndex vectors;
    private final Settings settings;
    private final GraphIndexBuilder builder;
    /** Which rows the graph holds: a snapshot replaced whole, so a query reads one consistent state. */
    private volatile Coverage coverage = new Coverage(0, new int[0]);
    /** Rows in the file this graph was last loaded from or saved to; -1 when never. */
    private volatile int savedRows = -1;
    /** One writer at a time: inserting rows and saving (which tidies the graph first) exclude each other. */
    private final Object writing = new Object();

    /**
     * Rows {@code [0, known)} except {@code missing} (ascending) are in the graph; rows from {@code known} on are not.
     * A loaded graph may miss rows in the middle: the saved rows are found by key wherever they are now.
     */
    private record Coverage(int known, int[] missing) {
        int graphRows() {
            return known - missing.length;
        }
    }

    private HnswIndex(VectorIndex vectors, Settings settings) {
        this.vectors = vectors;
        this.settings = settings;
        this.builder = new GraphIndexBuilder(new BuildScores(vectors), vectors.dimension(), settings.maxDegree(),
                settings.buildBeam(), 1.2f, settings.alpha(), BUILD_POOL, BUILD_POOL);
    }

    /** A graph over every row of {@code vectors} so far, built on all cores. */
    public static HnswIndex build(VectorIndex vectors, Settings settings) {
        HnswIndex index = new HnswIndex(vectors, settings);
        index.catchUp();
        return index;
    }

    /** {@link #open(Path, VectorIndex, Settings, List)} with rows keyed by their numbers (rows never move). */
    public static HnswIndex open(Path file, VectorIndex vectors, Settings settings) {
        return open(file, vectors, settings, rowNumbers(vectors.size()));
    }

    /**
     * The graph saved in {@code file} when it matches {@code vectors} (then brought up to date with rows added since),
     * else a graph built afresh; the caller saves it. {@code keys} name the rows (a photo's content hash), so a saved
     * graph still applies when the rows come back in another order. A missing, damaged or mismatched file is logged
     * and rebuilt.
     */
    public static HnswIndex open(Path file, VectorIndex vectors, Settings settings, List<String> keys) {
        if (Files.isRegularFile(file)) {
            try {
                Optional<HnswIndex> loaded = load(file, vectors, settings, keys);
                if (loaded.isPresent()) {
                    loaded.get().catchUp();
                    return loaded.get();
                }
            } catch (IOException | RuntimeException e) {
                LOG.warn("Could not read the search graph {}: {}; rebuilding it", file, e.toString());
            }
        }
        long started = System.nanoTime();
        HnswIndex index = build(vectors, settings);
        LOG.info("Built the search graph of {} rows in {} ms", index.graphSize(), (System.nanoTime() - started) / 1_000_000);
        return index;
    }

    static Optional<HnswIndex> load(Path file, VectorIndex vectors, Settings settings) throws IOException {
        return load(file, vectors, settings, rowNumbers(vectors.size()));
    }

    /** The graph in {@code file}, or empty (logged) when it does not describe these vectors with these settings. */
    static Optional<HnswIndex> load(Path file, VectorIndex vectors, Settings settings, List<String> keys)
            throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long length = channel.size();
            if (length < HEADER_BYTES + 8 || length > Integer.MAX_VALUE) {
                LOG.info("Search graph {} has an impossible length ({} bytes): rebuilding", file, length);
                return Optional.empty();
            }
            MappedByteBuffer map = channel.map(FileChannel.MapMode.READ_ONLY, 0, length);
            CRC32 crc = new CRC32();
            crc.update(map.duplicate().limit((int) length - 8));
            if (crc.getValue() != map.getLong((int) length - 8)) {
                LOG.info("Search graph {} is damaged (checksum): rebuilding", file);
                return Optional.empty();
            }
            ByteBuffer in = map.duplicate().limit((int) length - 8);
            long magic = in.getLong();
            int format = in.getInt();
            int dimension = in.getInt();
            int rows = in.getInt();
            int maxDegree = in.getInt();
            int beam = in.getInt();
            float alpha = in.getFloat();
            long checksum = in.getLong();
            String mismatch = magic != MAGIC || format != FORMAT ? "not a graph file of this version"
                    : dimension != vectors.dimension() ? "dimension " + dimension + ", vectors have " + vectors.dimension()
                    : rows > vectors.size() ? rows + " rows, only " + vectors.size() + " now"
                    : maxDegree != settings.maxDegree() || beam != settings.buildBeam() || alpha != settings.alpha()
                    ? "built with other settings" : null;
            int[] rowOfNode = null;
            if (mismatch == null) {
                rowOfNode = rowsOfSavedKeys(in, rows, keys, Math.min(keys.size(), vectors.size()));
                mismatch = rowOfNode == null ? "photos it holds are no longer in the collection"
                        : checksum != checksum(vectors, rowOfNode) ? "its rows' vectors have changed" : null;
            }
            if (mismatch != null) {
                LOG.info("Search graph {} does not match the collection ({}): rebuilding", file, mismatch);
                return Optional.empty();
            }
            HnswIndex index = new HnswIndex(vectors, settings);
            index.builder.load(new ByteBufferReader(renumbered(in, rows, rowOfNode)));
            if (index.builder.getGraph().size() != rows) {
                LOG.info("Search graph {} holds {} nodes, its header says {}: rebuilding", file,
                        index.builder.getGraph().size(), rows);
                return Optional.empty();
            }
            int known = vectors.size();
            boolean[] inGraph = new boolean[known];
            for (int row : rowOfNode) {
                inGraph[row] = true;
            }
            index.coverage = new Coverage(known, IntStream.range(0, known).filter(r -> !inGraph[r]).toArray());
            index.savedRows = rows;
            return Optional.of(index);
        }
    }

    /**
     * Reads the saved rows' keys and finds each among the first {@code n} current keys (a key held by several rows
     * maps to them in order); null when one is missing.
     */
    private static int[] rowsOfSavedKeys(ByteBuffer in, int rows, List<String> keys, int n) {
        java.util.Map<String, java.util.ArrayDeque<Integer>> rowsOfKey = new java.util.HashMap<>();
        for (int r = 0; r < n; r++) {
            rowsOfKey.computeIfAbsent(keys.get(r), key -> new java.util.ArrayDeque<>()).add(r);
        }
        int[] rowOfNode = new int[rows];
        for (int node = 0; node < rows; node++) {
            byte[] bytes = new byte[in.getInt()];
            in.get(bytes);
            var candidates = rowsOfKey.get(new String(bytes, StandardCharsets.UTF_8));
            if (candidates == null || candidates.isEmpty()) {
                return null;
            }
            rowOfNode[node] = candidates.poll();
        }
        return rowOfNode;
    }

    /** The saved graph section with node numbers replaced by today's rows, in jvector's layout. */
    private static ByteBuffer renumbered(ByteBuffer in, int rows, int[] rowOfNode) {
        ByteBuffer out = ByteBuffer.allocate(in.remaining());
        int size = in.getInt();
        if (size != rows) {
            throw new IllegalStateException("graph of " + size + " nodes, header says " + rows);
        }
        out.putInt(size).putInt(rowOfNode[in.getInt()]).putInt(in.getInt());
        for (int i = 0; i < size; i++) {
            out.putInt(rowOfNode[in.getInt()]);
            int count = in.getInt();
            out.putInt(count);
            for (int j = 0; j < count; j++) {
                out.putInt(rowOfNode[in.getInt()]);
            }
        }
        if (in.hasRemaining()) {
            throw new IllegalStateException(in.remaining() + " bytes after the graph");
        }
        return out.flip();
    }

    /** {@link #save(Path, List)} with rows keyed by their numbers. */
    public void save(Path file) throws IOException {
        save(file, rowNumbers(vectors.size()));
    }

    /**
     * Writes the graph to {@code file} atomically (a temporary file beside it, then a move): a reader sees the old
     * file or the new one, never a partial one. {@code keys} name the rows (at least as many as the graph holds).
     */
    public void save(Path file, List<String> keys) throws IOException {
        Path folder = file.toAbsolutePath().getParent();
        Files.createDirectories(folder);
        Path temp = Files.createTempFile(folder, file.getFileName().toString(), ".tmp");
        try {
            synchronized (writing) {
                builder.cleanup();
                // Nodes numbered densely in row order; the file names each by its key.
                int[] rowOfNode = graphRows();
                if (rowOfNode.length > 0 && rowOfNode[rowOfNode.length - 1] >= keys.size()) {
                    throw new IOException("keys name " + keys.size() + " rows, the graph holds row "
                            + rowOfNode[rowOfNode.length - 1]);
                }
                int[] nodeOfRow = new int[coverage.known()];
                for (int node = 0; node < rowOfNode.length; node++) {
                    nodeOfRow[rowOfNode[node]] = node;
                }
                CRC32 crc = new CRC32();
                try (OutputStream raw = Files.newOutputStream(temp);
                     CheckedOutputStream checked = new CheckedOutputStream(new BufferedOutputStream(raw, 1 << 16), crc);
                     DataOutputStream out = new DataOutputStream(checked)) {
                    out.writeLong(MAGIC);
                    out.writeInt(FORMAT);
                    out.writeInt(vectors.dimension());
                    out.writeInt(rowOfNode.length);
                    out.writeInt(settings.maxDegree());
                    out.writeInt(settings.buildBeam());
                    out.writeFloat(settings.alpha());
                    out.writeLong(checksum(vectors, rowOfNode));
                    for (int row : rowOfNode) {
                        byte[] key = keys.get(row).getBytes(StandardCharsets.UTF_8);
                        out.writeInt(key.length);
                        out.write(key);
                    }
                    writeGraph(out, rowOfNode, nodeOfRow);
                    out.flush();
                    new DataOutputStream(raw).writeLong(crc.getValue()); // the checksum is not part of itself
                }
                savedRows = rowOfNode.length;
            }
            try {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** The rows in the graph, ascending. */
    private int[] graphRows() {
        Coverage c = coverage;
        int[] out = new int[c.graphRows()];
        int m = 0;
        int i = 0;
        for (int r = 0; r < c.known(); r++) {
            if (m < c.missing().length && c.missing()[m] == r) {
                m++;
            } else {
                out[i++] = r;
            }
        }
        return out;
    }

    /**
     * The graph in jvector's layout ({@code GraphIndexBuilder.load} reads it): size, entry node, max degree, then each
     * node with its neighbours, all as dense node numbers. Neighbours are written best first, as the loader expects
     * them (the graph keeps them in no such order).
     */
    private void writeGraph(DataOutputStream out, int[] rowOfNode, int[] nodeOfRow) throws IOException {
        var graph = builder.getGraph();
        try (var view = graph.getView()) {
            out.writeInt(rowOfNode.length);
            out.writeInt(nodeOfRow[view.entryNode()]);
            out.writeInt(graph.maxDegree());
            for (int node = 0; node < rowOfNode.length; node++) {
                int row = rowOfNode[node];
                var it = view.getNeighborsIterator(row);
                int count = it.size();
                long[] ranked = new long[count];
                for (int i = 0; i < count; i++) {
                    int neighbour = it.nextInt();
                    // Higher score first: sort keys of (order-preserving bits of the negated score, node).
                    int bits = Float.floatToIntBits(-vectors.similarityUnlocked(row, neighbour) + 0f);
                    int key = bits >= 0 ? bits : bits ^ 0x7fffffff;
                    ranked[i] = ((long) key << 32) | nodeOfRow[neighbour];
                }
                Arrays.sort(ranked);
                out.writeInt(node);
                out.writeInt(count);
                for (long r : ranked) {
                    out.writeInt((int) r);
                }
            }
        }
    }

    /**
     * Inserts the rows not in the graph yet (those added to the {@link VectorIndex} since it last caught up, and any a
     * loaded graph lacked), on all cores; returns how many. Queries may run meanwhile.
     */
    public int catchUp() {
        synchronized (writing) {
            Coverage c = coverage;
            int to = vectors.size();
            int[] rows = IntStream.concat(Arrays.stream(c.missing()), IntStream.range(c.known(), to)).toArray();
            if (rows.length == 1) {
                insert(rows[0]);
            } else if (rows.length > 1) {
                BUILD_POOL.submit(() -> Arrays.stream(rows).parallel().forEach(this::insert)).join();
            }
            coverage = new Coverage(Math.max(to, c.known()), new int[0]);
            return rows.length;
        }
    }

    private static List<String> rowNumbers(int n) {
        return new java.util.AbstractList<>() {
            @Override
            public String get(int index) {
                return Integer.toString(index);
            }

            @Override
            public int size() {
                return n;
            }
        };
    }

    private void insert(int row) {
        builder.addGraphNode(row, VTS.createFloatVector(vectors.vector(row)));
    }

    /** Whether the collection has rows the graph's file does not hold (or it was never saved). */
    public boolean hasUnsavedRows() {
        Coverage c = coverage;
        return c.graphRows() != savedRows || c.missing().length > 0 || c.known() < vectors.size();
    }

    /** The settings the graph was built and is searched with. */
    public Settings settings() {
        return settings;
    }

    /** How many rows the graph holds (the rest are scanned exactly until {@link #catchUp}). */
    public int graphSize() {
        return coverage.graphRows();
    }

    /** The exact index holding the vectors. */
    public VectorIndex vectors() {
        return vectors;
    }

    @Override
    public int dimension() {
        return vectors.dimension();
    }

    @Override
    public int size() {
        return vectors.size();
    }

    /** Appends the vector to the exact index and inserts it into the graph. */
    @Override
    public int add(float[] vector) {
        int row = vectors.add(vector);
        catchUp();
        return row;
    }

    @Override
    public float[] vector(int row) {
        return vectors.vector(row);
    }

    @Override
    public List<Hit> nearest(float[] query, int k, IntPredicate accept, float minScore) {
        return nearest(query, k, accept, minScore, settings.searchWidth());
    }

    /** {@link #nearest(float[], int, IntPredicate, float)} keeping {@code width} candidates instead of the setting's. */
    List<Hit> nearest(float[] query, int k, IntPredicate accept, float minScore, int width) {
        if (query.length != vectors.dimension()) {
            throw new IllegalArgumentException("query has " + query.length + " dimensions, index has "
                    + vectors.dimension());
        }
        if (k <= 0) {
            return List.of();
        }
        float[] q = Vectors.normalised(query);
        Coverage c = coverage;
        int rows = vectors.size();
        if (c.graphRows() < k || selective(accept, c.known())) {
            return list(filteredScan(q, k, accept, minScore, 0, rows));
        }
        SearchResult result;
        try (GraphSearcher searcher = new GraphSearcher(builder.getGraph())) {
            Bits bits = accept::test;
            result = searcher.search(new SearchScoreProvider(new QueryScores(vectors, q)), k,
                    Math.max(k, width), 0f, 0f, bits);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (result.getNodes().length < k) {
            // The walk could not reach k accepted rows: the exact scan answers for sure.
            return vectors.nearest(query, k, accept, minScore);
        }
        TopK top = filteredScan(q, k, accept, minScore, c.known(), rows); // rows not in the graph yet
        for (int r : c.missing()) {
            if (accept.test(r)) {
                float s = vectors.similarityUnlocked(q, r);
                if (s >= minScore) {
                    top.offer(r, s);
                }
            }
        }
        for (SearchResult.NodeScore node : result.getNodes()) {
            if (node.node >= c.known() && node.node < rows || Arrays.binarySearch(c.missing(), node.node) >= 0) {
                continue; // being inserted right now: the scan above has it already
            }
            float s = vectors.similarityUnlocked(q, node.node);
            if (s >= minScore) {
                top.offer(node.node, s);
            }
        }
        return list(top);
    }

    /** Whether {@code accept} takes so few rows (judged on an even sample) that scanning them beats the graph. */
    private static boolean selective(IntPredicate accept, int rows) {
        int sample = Math.min(SAMPLE, rows);
        int taken = 0;
        for (int i = 0; i < sample; i++) {
            taken += accept.test((int) ((long) i * rows / sample)) ? 1 : 0;
        }
        return taken < EXACT_BELOW_SHARE * sample;
    }

    /** Exact top-k of rows {@code [from, to)}: the filter first (it is selective here), then the dot product. */
    private TopK filteredScan(float[] q, int k, IntPredicate accept, float minScore, int from, int to) {
        TopK top = new TopK(k);
        for (int r = from; r < to; r++) {
            if (accept.test(r)) {
                float s = vectors.similarityUnlocked(q, r);
                if (s >= minScore) {
                    top.offer(r, s);
                }
            }
        }
        return top;
    }

    private static List<Hit> list(TopK top) {
        return new ArrayList<>(Arrays.asList(top.best()));
    }

    /** A checksum of the vectors' bits of these rows in this order, so a graph is never loaded over other vectors. */
    static long checksum(VectorIndex vectors, int[] rows) {
        long h = 1125899906842597L;
        for (int r : rows) {
            float[] v = vectors.vector(r);
            long rowHash = 0;
            for (float x : v) {
                rowHash = rowHash * 31 + Float.floatToRawIntBits(x);
            }
            h = h * 1_000_003 ^ rowHash;
        }
        return h;
    }

    /** jvector compares similarities in [0, 1]: the cosine mapped as its DOT_PRODUCT function does. */
    private static float unit(float cosine) {
        return (1 + cosine) / 2;
    }

    private static float[] floats(VectorFloat<?> v) {
        if (v.get() instanceof float[] array && array.length == v.length()) {
            return array;
        }
        float[] out = new float[v.length()];
        for (int i = 0; i < out.length; i++) {
            out[i] = v.get(i);
        }
        return out;
    }

    /** Scores of a query against rows, read from the exact index without copying. */
    private record QueryScores(VectorIndex vectors, float[] q) implements ScoreFunction.ExactScoreFunction {
        @Override
        public float similarityTo(int row) {
            return unit(vectors.similarityUnlocked(q, row));
        }
    }

    /** Scores of a row against rows. */
    private record RowPairScores(VectorIndex vectors, int row) implements ScoreFunction.ExactScoreFunction {
        @Override
        public float similarityTo(int other) {
            return unit(vectors.similarityUnlocked(row, other));
        }
    }

    /** What jvector needs while building: exact scores between rows, and of a new vector against rows. */
    private record BuildScores(VectorIndex vectors) implements BuildScoreProvider {
        @Override
        public boolean isExact() {
            return true;
        }

        @Override
        public VectorFloat<?> approximateCentroid() {
            int n = vectors.size();
            float[] sum = new float[vectors.dimension()];
            for (int r = 0; r < n; r++) {
                float[] v = vectors.vector(r);
                for (int i = 0; i < sum.length; i++) {
                    sum[i] += v[i];
                }
            }
            for (int i = 0; i < sum.length; i++) {
                sum[i] /= Math.max(1, n);
            }
            return VTS.createFloatVector(sum);
        }

        @Override
        public SearchScoreProvider searchProviderFor(VectorFloat<?> vector) {
            return new SearchScoreProvider(new QueryScores(vectors, floats(vector)));
        }

        @Override
        public SearchScoreProvider searchProviderFor(int row) {
            return new SearchScoreProvider(new RowPairScores(vectors, row));
        }

        @Override
        public SearchScoreProvider diversityProviderFor(int row) {
            return searchProviderFor(row);
        }
    }
}
