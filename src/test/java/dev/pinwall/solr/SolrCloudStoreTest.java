package dev.pinwall.solr;

import dev.pinwall.cli.PinwallCli;
import dev.pinwall.embed.Embedder;
import dev.pinwall.embed.TorchScriptEmbedder;
import dev.pinwall.library.IndexListener;
import dev.pinwall.library.IndexReport;
import dev.pinwall.library.Library;
import dev.pinwall.library.Match;
import dev.pinwall.library.Photo;
import dev.pinwall.library.RelatedQuery;
import dev.pinwall.metadata.ProductInfo;
import dev.pinwall.similarity.SimilarityMode;
import dev.pinwall.search.Hit;
import dev.pinwall.search.VectorIndex;
import dev.pinwall.store.EmbeddingStore;
import dev.pinwall.store.PhotoFacts;
import dev.pinwall.store.StoreException;
import dev.pinwall.store.Stores;
import dev.pinwall.task.Cancellation;
import org.apache.solr.client.solrj.SolrQuery;
import org.apache.solr.client.solrj.SolrRequest;
import org.apache.solr.embedded.JettySolrRunner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The Solr store against a real in-process SolrCloud: 2 nodes, collections of 2 shards x 2 replicas (each node holds a
 * replica of every shard), with the vectors of a few hundred fashion-dev photos. Checked against the exact in-memory
 * search; prints its timings (lines starting with {@code solr-timing}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SolrCloudStoreTest {
    private static final int PHOTOS = 240;
    private static final int K = 10;

    private Path dir;
    private SolrTestCluster cluster;
    private WallSet wall;
    private SolrVectorStore store;
    private final Map<String, Long> timings = new LinkedHashMap<>();

    @BeforeAll
    void startClusterAndIndex(@TempDir Path tmp) throws Exception {
        dir = tmp;
        long started = System.nanoTime();
        wall = WallSet.load(dir, PHOTOS);
        lap("vectors (" + wall.source() + ")", started);
        long clusterStarted = System.nanoTime();
        cluster = new SolrTestCluster(2, dir.resolve("cluster"));
        lap("cluster start (2 nodes, embedded ZooKeeper)", clusterStarted);
        long created = System.nanoTime();
        cluster.create("wall", wall.dimension(), 2, 2);
        lap("create collection 2x2", created);
        store = SolrVectorStore.open(cluster.urlTarget("wall"), () -> EmbeddingStore.open(dir.resolve("wall.db")));
        long indexed = System.nanoTime();
        writeInBatches(store, wall.hashes(), 50);
        store.commit();
        lap("index " + wall.hashes().size() + " vectors in batches of 50 + commit", indexed);
    }

    @AfterAll
    void stopCluster() throws Exception {
        if (store != null) {
            store.close();
        }
        if (cluster != null) {
            cluster.close();
        }
        timings.forEach((what, ms) -> System.err.println("solr-timing: " + what + ": " + ms + " ms"));
    }

    private void lap(String what, long startedNanos) {
        timings.put(what, (System.nanoTime() - startedNanos) / 1_000_000);
    }

    private void writeInBatches(SolrVectorStore target, List<String> hashes, int batch) throws StoreException {
        target.describe(wall.storeKey(), wall.facts());
        for (int from = 0; from < hashes.size(); from += batch) {
            Map<String, float[]> vectors = new HashMap<>();
            for (String hash : hashes.subList(from, Math.min(hashes.size(), from + batch))) {
                vectors.put(hash, wall.vectors().get(hash));
            }
            target.putAll(wall.storeKey(), vectors, Map.of());
        }
    }

    private VectorIndex exactIndex() {
        VectorIndex index = new VectorIndex(wall.dimension(), wall.hashes().size());
        wall.hashes().forEach(h -> index.add(wall.vectors().get(h)));
        return index;
    }

    /** Query rows spread over the set. */
    private List<Integer> queries(int count) {
        List<Integer> rows = new ArrayList<>();
        int step = Math.max(1, wall.hashes().size() / count);
        for (int row = 0; row < wall.hashes().size(); row += step) {
            rows.add(row);
        }
        return rows;
    }

    @Test
    @Order(1)
    void vectorsFailuresAndCountsReadBackExactly() throws Exception {
        List<String> asked = new ArrayList<>(wall.hashes());
        asked.add("0".repeat(64));
        Map<String, float[]> read = store.vectors(wall.storeKey(), asked);
        assertThat(read).hasSize(wall.hashes().size());
        for (String hash : wall.hashes()) {
            assertThat(read.get(hash)).containsExactly(wall.vectors().get(hash));
        }
        String one = wall.hashes().get(7); // real-time get answers one id differently from several
        assertThat(store.vectors(wall.storeKey(), List.of(one)).get(one)).containsExactly(wall.vectors().get(one));
        assertThat(store.count(wall.storeKey())).isEqualTo(wall.hashes().size());
        assertThat(store.storeKeys()).containsExactly(wall.storeKey());
        assertThat(store.dimension(wall.storeKey())).contains(wall.dimension());

        String broken = "f".repeat(64);
        store.putAll(wall.storeKey(), Map.of(), Map.of(broken, "cannot decode"));
        assertThat(store.failures(wall.storeKey(), List.of(broken, wall.hashes().get(0))))
                .containsExactly(Map.entry(broken, "cannot decode"));
        assertThat(store.vectors(wall.storeKey(), List.of(broken))).isEmpty();
        // a failure is not a vector: the count and the kNN results leave it out
        assertThat(store.count(wall.storeKey())).isEqualTo(wall.hashes().size());
    }

    @Test
    @Order(2)
    void knnRecallAgainstExactSearchAndCosineScores() throws Exception {
        VectorIndex exact = exactIndex();
        SolrNeighbours solr = new SolrNeighbours(store);
        List<Integer> queries = queries(60);
        double recall = 0;
        float worstScoreGap = 0;
        long nanos = 0;
        for (int row : queries) {
            String self = wall.hashes().get(row);
            Map<String, Float> expected = new HashMap<>();
            for (Hit hit : exact.nearest(row, K, r -> true, -1f)) {
                expected.put(wall.hashes().get(hit.row()), hit.score());
            }
            long t = System.nanoTime();
            List<SolrNeighbours.Neighbour> got = solr.nearest(wall.vectors().get(self), K, Map.of(), List.of(self));
            nanos += System.nanoTime() - t;
            assertThat(got).hasSize(K);
            assertThat(got).extracting(SolrNeighbours.Neighbour::hash).doesNotContain(self);
            int found = 0;
            for (SolrNeighbours.Neighbour n : got) {
                Float exactScore = expected.get(n.hash());
                if (exactScore != null) {
                    found++;
                    worstScoreGap = Math.max(worstScoreGap, Math.abs(exactScore - n.cosine()));
                }
                assertThat(n.paths()).isNotEmpty();
            }
            recall += found / (double) K;
        }
        recall /= queries.size();
        timings.put(String.format(Locale.ROOT, "kNN k=10 over 2 shards, mean of %d queries (recall@10 %.3f)",
                queries.size(), recall), nanos / queries.size() / 1_000_000);
        assertThat(recall).as("recall@10 against the exact search").isGreaterThanOrEqualTo(0.95);
        assertThat(worstScoreGap).as("Solr's score converted to cosine vs the exact cosine").isLessThan(1e-3f);
        timings.put("one shard alone: " + perShardMillis(queries) + " us per query (k=10)", 0L);
    }

    /** Mean latency of the same kNN query on one shard (shards=shard1), in microseconds. */
    private long perShardMillis(List<Integer> queries) throws Exception {
        long nanos = 0;
        for (int row : queries) {
            float[] v = wall.vectors().get(wall.hashes().get(row));
            StringBuilder text = new StringBuilder("[");
            for (int i = 0; i < v.length; i++) {
                text.append(i == 0 ? "" : ",").append(v[i]);
            }
            SolrQuery q = new SolrQuery("{!knn f=vector topK=10}" + text + "]").setRows(10).setFields("hash", "score");
            q.set("shards", "shard1");
            long t = System.nanoTime();
            store.client().query("wall", q, SolrRequest.METHOD.POST);
            nanos += System.nanoTime() - t;
        }
        return nanos / queries.size() / 1000;
    }

    @Test
    @Order(3)
    void filtersAreAppliedBeforeTheGraphSearch() throws Exception {
        Map<String, Integer> perType = new HashMap<>();
        wall.hashes().forEach(h -> perType.merge(wall.articleType(h), 1, Integer::sum));
        String type = Collections.max(perType.entrySet(), Map.Entry.comparingByValue()).getKey();
        VectorIndex exact = exactIndex();
        SolrNeighbours solr = new SolrNeighbours(store);
        double recall = 0;
        int asked = 0;
        for (int row : queries(40)) {
            String self = wall.hashes().get(row);
            Set<String> expected = new HashSet<>();
            for (Hit hit : exact.nearest(row, K, r -> wall.articleType(wall.hashes().get(r)).equals(type), -1f)) {
                expected.add(wall.hashes().get(hit.row()));
            }
            List<SolrNeighbours.Neighbour> got = solr.nearest(wall.vectors().get(self), K,
                    Map.of("articleType", type), List.of(self));
            // every result has the type, and there are as many as qualify (up to k), whatever the query's own type
            assertThat(got).allSatisfy(n -> assertThat(wall.articleType(n.hash())).isEqualTo(type));
            assertThat(got).hasSize(expected.size());
            recall += got.stream().filter(n -> expected.contains(n.hash())).count() / (double) expected.size();
            asked++;
        }
        assertThat(recall / asked).as("filtered recall@10 for articleType=" + type).isGreaterThanOrEqualTo(0.95);
        assertThat(perType.get(type)).isLessThan(wall.hashes().size()); // a filter that actually excludes
    }

    @Test
    @Order(4)
    void anotherModelIsRefused() throws Exception {
        float[] vector = wall.vectors().get(wall.hashes().get(0));
        assertThatThrownBy(() -> store.putAll("other-model@p1", Map.of("ab", vector), Map.of()))
                .isInstanceOf(StoreException.class).hasMessageContaining("holds vectors of model " + wall.storeKey());
        assertThatThrownBy(() -> store.vectors("other-model@p1", List.of(wall.hashes().get(0))))
                .isInstanceOf(StoreException.class).hasMessageContaining("holds vectors of model");
    }

    @Test
    @Order(5)
    void solrUnreachableIsAClearErrorAndLeavesTheLocalStoreAlone() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort(); // closed again: nothing listens there
        }
        Path localFile = dir.resolve("untouched.db");
        try (EmbeddingStore local = EmbeddingStore.open(localFile)) {
            local.putAll("m@p1", Map.of("aa", new float[]{1, 2, 3}), Map.of());
        }
        String spec = "solr:http://127.0.0.1:" + port + "/solr/wall";
        long t = System.nanoTime();
        AtomicInteger opened = new AtomicInteger();
        assertThatThrownBy(() -> SolrVectorStore.open(SolrTarget.parse(spec), () -> {
            opened.incrementAndGet();
            return EmbeddingStore.open(localFile);
        })).isInstanceOf(StoreException.class).hasMessageContaining("cannot reach").hasMessageContaining("127.0.0.1");
        lap("unreachable Solr reported", t);
        assertThat(opened).hasValue(0);
        try (EmbeddingStore local = EmbeddingStore.open(localFile)) {
            assertThat(local.vectors("m@p1", List.of("aa")).get("aa")).containsExactly(1, 2, 3);
        }
        assertThatThrownBy(() -> Stores.open("solr:http://127.0.0.1:" + port + "/solr/wall"))
                .isInstanceOf(StoreException.class).hasMessageContaining("cannot reach");
        assertThatThrownBy(() -> Stores.open("solr:http://127.0.0.1:" + port + "/solr/"))
                .isInstanceOf(StoreException.class).hasMessageContaining("http://host:8983/solr/COLLECTION");
        StringWriter err = new StringWriter();
        int code = PinwallCli.run(new String[]{"index", dir.toString(), "--model", "builtin", "--store", spec},
                new PrintWriter(new StringWriter()), new PrintWriter(err));
        assertThat(code).isEqualTo(1);
        assertThat(err.toString()).contains("error: cannot reach the Solr collection").doesNotContain("\tat ");
        assertThatThrownBy(() -> Stores.open("solrr:http://x/solr/c"))
                .isInstanceOf(StoreException.class).hasMessageContaining("no store backend");
    }

    @Test
    @Order(6)
    void twoIndexersAtOnceWriteEachContentOnce() throws Exception {
        cluster.create("twice", wall.dimension(), 2, 2);
        List<String> forward = wall.hashes();
        List<String> backward = new ArrayList<>(forward);
        Collections.reverse(backward);
        long t = System.nanoTime();
        try (SolrVectorStore a = SolrVectorStore.open(cluster.urlTarget("twice"),
                () -> EmbeddingStore.open(dir.resolve("a.db")));
             SolrVectorStore b = SolrVectorStore.open(cluster.zkTarget("twice"),
                     () -> EmbeddingStore.open(dir.resolve("b.db")))) {
            CompletableFuture<Void> first = CompletableFuture.runAsync(() -> write(a, forward));
            CompletableFuture<Void> second = CompletableFuture.runAsync(() -> write(b, backward));
            CompletableFuture.allOf(first, second).join();
            lap("two indexers at once, " + forward.size() + " vectors each", t);
            assertThat(a.count(wall.storeKey())).isEqualTo(forward.size());
            Map<String, float[]> read = b.vectors(wall.storeKey(), forward);
            assertThat(read).hasSize(forward.size());
            forward.forEach(h -> assertThat(read.get(h)).containsExactly(wall.vectors().get(h)));
            assertThat(a.model()).contains(wall.storeKey());
            assertThat(b.model()).contains(wall.storeKey());
        }
    }

    private void write(SolrVectorStore target, List<String> hashes) {
        try {
            writeInBatches(target, hashes, 25);
        } catch (StoreException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    @Order(6)
    void exportCopiesTheCollectionToAFileAndBackAndAFreshCollectionRefusesAnotherLength() throws Exception {
        Path back = dir.resolve("exported.db");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = PinwallCli.run(new String[]{"export", "--store", cluster.urlTarget("wall").spec(), "--to",
                back.toString()}, new PrintWriter(out), new PrintWriter(err));
        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString()).contains("exported " + wall.hashes().size() + " vectors of " + wall.storeKey());
        try (EmbeddingStore file = EmbeddingStore.open(back)) {
            Map<String, float[]> read = file.vectors(wall.storeKey(), wall.hashes());
            assertThat(read).hasSize(wall.hashes().size());
            wall.hashes().forEach(h -> assertThat(read.get(h)).containsExactly(wall.vectors().get(h)));
        }
        code = PinwallCli.run(new String[]{"solr", "create-collection", "--zk", cluster.zkTarget("x").spec()
                        .substring(SolrTarget.ZK_PREFIX.length()).replaceAll("/x$", ""), "--name", "up",
                "--dim", Integer.toString(wall.dimension()), "--shards", "2", "--replicas", "1"},
                new PrintWriter(out), new PrintWriter(err));
        assertThat(code).as(err.toString()).isZero();
        cluster.cluster.waitForActiveCollection("up", 2, 2);
        try (SolrVectorStore fresh = SolrVectorStore.open(cluster.zkTarget("up"),
                () -> EmbeddingStore.open(dir.resolve("fresh.db")))) {
            // a fresh collection takes the first model whose vectors have its length, and no other length
            assertThatThrownBy(() -> fresh.putAll("wide@p1", Map.of("ab", new float[wall.dimension() + 1]), Map.of()))
                    .isInstanceOf(StoreException.class).hasMessageContaining("takes " + wall.dimension()
                            + "-dimensional vectors");
            assertThat(fresh.model()).isEmpty();
        }
        code = PinwallCli.run(new String[]{"export", "--store", back.toString(), "--to",
                cluster.zkTarget("up").spec()}, new PrintWriter(out), new PrintWriter(err));
        assertThat(code).as(err.toString()).isZero();
        try (SolrVectorStore up = SolrVectorStore.open(cluster.urlTarget("up"),
                () -> EmbeddingStore.open(dir.resolve("up.db")))) {
            assertThat(up.count(wall.storeKey())).isEqualTo(wall.hashes().size());
        } finally {
            cluster.delete("up");
        }
    }

    @Test
    @Order(7)
    void aSecondIndexRunThroughTheLibrarySkipsWhatIsThere() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(wall.folder().isPresent(),
                "needs the fashion-dev photos and model in ../shared");
        try (Embedder embedder = TorchScriptEmbedder.load(wall.model().get());
             SolrVectorStore again = SolrVectorStore.open(cluster.urlTarget("wall"),
                     () -> EmbeddingStore.open(dir.resolve("second-machine.db")));
             Library library = Library.open(wall.folder().get(), embedder, again)) {
            long t = System.nanoTime();
            IndexReport report = library.index(new IndexListener() { }, Cancellation.none());
            lap("second machine's index run (all vectors found in Solr)", t);
            assertThat(report.added()).isZero();
            assertThat(report.indexed()).isEqualTo(wall.hashes().size());
            assertThat(library.photos()).allSatisfy(p -> assertThat(library.vector(p)).isPresent());
        }
    }

    @Test
    @Order(8)
    void plainRelatedOfTheLibraryIsServedBySolrAndEqualsTheExactRanking() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(wall.folder().isPresent(),
                "needs the fashion-dev photos and model in ../shared");
        // Contents of another folder, each a near-copy of one of ours: they rank first in Solr and must be skipped.
        Map<String, float[]> foreign = new HashMap<>();
        Map<String, PhotoFacts> foreignFacts = new HashMap<>();
        java.util.Random random = new java.util.Random(3);
        for (String hash : wall.hashes()) {
            float[] v = wall.vectors().get(hash).clone();
            for (int d = 0; d < v.length; d++) {
                v[d] += 0.001f * (float) random.nextGaussian();
            }
            String other = dev.pinwall.scan.ContentHash.of(("elsewhere " + hash).getBytes());
            foreign.put(other, v);
            foreignFacts.put(other, new PhotoFacts(List.of("/elsewhere/" + hash + ".jpg"),
                    wall.facts().get(hash).labels()));
        }
        store.describe(wall.storeKey(), foreignFacts);
        store.putAll(wall.storeKey(), foreign, Map.of());
        store.commit();
        try (Embedder embedder = TorchScriptEmbedder.load(wall.model().get());
             EmbeddingStore localStore = EmbeddingStore.open(dir.resolve("local.db"));
             RecordingStore solrStore = new RecordingStore(SolrVectorStore.open(cluster.urlTarget("wall"),
                     () -> EmbeddingStore.open(dir.resolve("related.db"))));
             Library local = Library.open(wall.folder().get(), embedder, localStore);
             Library served = Library.open(wall.folder().get(), embedder, solrStore)) {
            local.index(new IndexListener() { }, Cancellation.none());
            served.index(new IndexListener() { }, Cancellation.none());
            local.setSimilarityMode(SimilarityMode.PLAIN);
            served.setSimilarityMode(SimilarityMode.PLAIN);
            assertThat(local.searchesInStore()).isFalse();
            assertThat(served.searchesInStore()).isTrue();

            List<Photo> photos = served.photos().stream().filter(served::isEmbedded).toList();
            List<Photo> queries = new ArrayList<>();
            for (int i = 0; i < photos.size(); i += Math.max(1, photos.size() / 30)) {
                queries.add(photos.get(i));
            }
            double recall = 0;
            double filteredRecall = 0;
            float worstGap = 0;
            int asked = 0;
            long nanos = 0;
            for (Photo photo : queries) {
                List<Match> expected = local.related(photo, RelatedQuery.top(K)).orElseThrow();
                int before = solrStore.searches.get();
                long t = System.nanoTime();
                List<Match> got = served.related(photo, RelatedQuery.top(K)).orElseThrow();
                nanos += System.nanoTime() - t;
                asked += solrStore.searches.get() - before;
                assertThat(solrStore.searches.get()).as("answered by Solr, not in memory").isGreaterThan(before);
                assertThat(got).hasSize(K).extracting(Match::photo).doesNotContain(photo).doesNotHaveDuplicates();
                worstGap = Math.max(worstGap, scoreGap(expected, got));
                recall += overlap(expected, got) / (double) K;

                // "only the same type and gender": filtered in Solr, checked against the folder's labels
                ProductInfo info = photo.info();
                assertThat(info.articleType()).isNotBlank();
                assertThat(info.gender()).isNotBlank();
                RelatedQuery same = RelatedQuery.top(K).withLabel("articleType", info.articleType())
                        .withLabel("gender", info.gender());
                List<Match> expectedSame = local.related(photo, same).orElseThrow();
                List<Match> gotSame = served.related(photo, same).orElseThrow();
                assertThat(gotSame).allSatisfy(m -> {
                    assertThat(m.photo().info().articleType()).isEqualTo(info.articleType());
                    assertThat(m.photo().info().gender()).isEqualTo(info.gender());
                });
                assertThat(gotSame).hasSize(expectedSame.size());
                filteredRecall += expectedSame.isEmpty() ? 1 : overlap(expectedSame, gotSame)
                        / (double) expectedSame.size();
                worstGap = Math.max(worstGap, scoreGap(expectedSame, gotSame));
            }
            recall /= queries.size();
            filteredRecall /= queries.size();
            timings.put(String.format(Locale.ROOT, "Library.related PLAIN through Solr, mean of %d queries (recall@10 "
                    + "%.3f, filtered %.3f, %.2f searches per query)", queries.size(), recall, filteredRecall,
                    asked / (double) queries.size()), nanos / queries.size() / 1_000_000);
            assertThat(recall).as("recall@10 against the exact local ranking").isGreaterThanOrEqualTo(0.95);
            assertThat(filteredRecall).as("filtered recall@10").isGreaterThanOrEqualTo(0.95);
            assertThat(worstGap).as("scores against the exact cosine").isLessThan(1e-3f);

            // an outside query (similar --plain on a file): Solr too, and the file itself is left out
            Photo query = queries.get(1);
            int before = solrStore.searches.get();
            List<Match> outside = served.similarTo(query.path(), RelatedQuery.top(K));
            assertThat(solrStore.searches.get()).isGreaterThan(before);
            assertThat(outside).hasSize(K).extracting(Match::photo).doesNotContain(query);
            assertThat(overlap(local.similarTo(query.path(), RelatedQuery.top(K)), outside)).isGreaterThanOrEqualTo(9);

            // the collection-aware default still ranks in memory (it needs the folder's fit)
            served.setSimilarityMode(SimilarityMode.COLLECTION);
            before = solrStore.searches.get();
            served.related(query, RelatedQuery.top(K)).orElseThrow();
            assertThat(solrStore.searches.get()).isEqualTo(before);
        }
    }

    private static int overlap(List<Match> expected, List<Match> got) {
        Set<Photo> wanted = new HashSet<>();
        expected.forEach(m -> wanted.add(m.photo()));
        return (int) got.stream().filter(m -> wanted.contains(m.photo())).count();
    }

    private static float scoreGap(List<Match> expected, List<Match> got) {
        Map<Photo, Float> exact = new HashMap<>();
        expected.forEach(m -> exact.put(m.photo(), m.score()));
        float worst = 0;
        for (Match m : got) {
            Float e = exact.get(m.photo());
            if (e != null) {
                worst = Math.max(worst, Math.abs(e - m.score()));
            }
        }
        return worst;
    }

    @Test
    @Order(9)
    void aNodeStoppedMidRunLosesNothing() throws Exception {
        cluster.create("durable", wall.dimension(), 2, 2);
        List<String> hashes = wall.hashes();
        long t = System.nanoTime();
        try (SolrVectorStore indexer = SolrVectorStore.open(cluster.urlTarget("durable"),
                () -> EmbeddingStore.open(dir.resolve("durable.db")))) {
            indexer.describe(wall.storeKey(), wall.facts());
            AtomicInteger written = new AtomicInteger();
            CompletableFuture<Void> run = CompletableFuture.runAsync(() -> {
                try {
                    for (int from = 0; from < hashes.size(); from += 10) {
                        Map<String, float[]> batch = new HashMap<>();
                        hashes.subList(from, Math.min(hashes.size(), from + 10))
                                .forEach(h -> batch.put(h, wall.vectors().get(h)));
                        indexer.putAll(wall.storeKey(), batch, Map.of());
                        written.addAndGet(batch.size()); // "reported" work: acknowledged by the store
                        Thread.sleep(20);
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            while (written.get() < hashes.size() / 3 && !run.isDone()) {
                Thread.sleep(10);
            }
            int before = written.get();
            // node 0 (the one the client names) keeps a replica of each shard
            JettySolrRunner stopped = cluster.cluster.stopJettySolrRunner(1);
            run.join();
            lap("index " + hashes.size() + " vectors with node 2 of 2 stopped after " + before, t);
            assertThat(before).isLessThan(hashes.size());
            assertThat(written).hasValue(hashes.size());
            // A batch acknowledged just as the node went down may have reached only that node's replica (achieved
            // replication factor 1): it is in that node's transaction log, readable again once the node is back.
            long back = System.nanoTime();
            cluster.cluster.startJettySolrRunner(stopped, true);
            cluster.cluster.waitForActiveCollection("durable", 2, 4);
            lap("node restarted and replicas active", back);
            Map<String, float[]> read = indexer.vectors(wall.storeKey(), hashes);
            assertThat(read).hasSize(hashes.size());
            hashes.forEach(h -> assertThat(read.get(h)).containsExactly(wall.vectors().get(h)));
            assertThat(indexer.count(wall.storeKey())).isEqualTo(hashes.size());
        }
    }
}
