package dev.pinwall.boards;

import dev.pinwall.search.VectorIndex;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class ForYouTest {
    private static final int D = 32;

    /** A collection under construction: vectors, their hashes and what kind each is. */
    private static final class Collection {
        final List<float[]> vectors = new ArrayList<>();
        final List<String> hashes = new ArrayList<>();
        final List<String> kinds = new ArrayList<>();

        List<String> add(String kind, List<float[]> vs) {
            List<String> added = new ArrayList<>();
            for (float[] v : vs) {
                String hash = kind + vectors.size();
                vectors.add(v);
                hashes.add(hash);
                kinds.add(kind);
                added.add(hash);
            }
            return added;
        }

        ForYou forYou(ForYou.Settings settings) {
            VectorIndex index = new VectorIndex(D, vectors.size());
            vectors.forEach(index::add);
            return new ForYou(index, hashes, settings);
        }

        List<String> kindsOf(int[] rows, int first) {
            return Arrays.stream(rows).limit(first).mapToObj(kinds::get).toList();
        }
    }

    @Test
    void aBoardOfShoesAndBagsRecommendsShoesAndBagsNotTheirAverage() {
        Random random = new Random(11);
        Collection c = new Collection();
        List<String> shoePins = c.add("shoe-pin", cluster(random, axis(D, 0), 3, 0.02));
        List<String> bagPins = c.add("bag-pin", cluster(random, axis(D, 1), 3, 0.02));
        c.add("shoe", cluster(random, axis(D, 0), 20, 0.1));
        c.add("bag", cluster(random, axis(D, 1), 20, 0.1));
        // what the mean of the board is closest to: half shoe, half bag
        float[] between = unitOf(axis(D, 0), axis(D, 1));
        c.add("between", cluster(random, between, 30, 0.02));
        c.add("other", cluster(random, axis(D, 2), 30, 0.1));
        List<String> pins = new ArrayList<>(shoePins);
        pins.addAll(bagPins);
        Board board = new Board("Saved", pins);

        int[] ranked = c.forYou(ForYou.Settings.DEFAULT).rank(List.of(board), Set.copyOf(pins)).rows();

        List<String> top = c.kindsOf(ranked, 12);
        assertThat(top).doesNotContain("between", "other", "shoe-pin", "bag-pin").contains("shoe", "bag");
    }

    @Test
    void theTopRowsAreNotCopiesOfOnePin() {
        Random random = new Random(5);
        Collection c = new Collection();
        List<String> shoe = c.add("shoe-pin", cluster(random, axis(D, 0), 1, 0.0));
        List<String> bag = c.add("bag-pin", cluster(random, axis(D, 1), 1, 0.0));
        c.add("shoe-copy", cluster(random, axis(D, 0), 30, 0.02));
        c.add("bag", cluster(random, axis(D, 1), 15, 0.1));
        c.add("other", cluster(random, axis(D, 3), 30, 0.1));
        Board board = new Board("Saved", List.of(shoe.get(0), bag.get(0)));
        Set<String> saved = Set.copyOf(board.pins());

        int[] diverse = c.forYou(ForYou.Settings.DEFAULT).rank(List.of(board), saved).rows();
        int[] byScoreOnly = c.forYou(new ForYou.Settings(12, 240, 1.0)).rank(List.of(board), saved).rows();

        // the copies of the shoe are the closest photos: by score alone they fill the top rows
        assertThat(c.kindsOf(byScoreOnly, 12)).containsOnly("shoe-copy");
        List<String> top = c.kindsOf(diverse, 12);
        assertThat(top.stream().filter("bag"::equals).count()).isGreaterThanOrEqualTo(4);
        assertThat(top).contains("shoe-copy");
    }

    @Test
    void savedPhotosAndTheirCopiesAreNeverRanked() {
        Random random = new Random(2);
        Collection c = new Collection();
        List<String> pins = c.add("pin", cluster(random, axis(D, 0), 2, 0.05));
        c.add("shoe", cluster(random, axis(D, 0), 10, 0.1));
        // the same bytes under another name: the same content hash
        c.vectors.add(c.vectors.get(0).clone());
        c.hashes.add(pins.get(0));
        c.kinds.add("copy-of-pin");
        ForYou forYou = c.forYou(ForYou.Settings.DEFAULT);

        ForYou.Ranking ranking = forYou.rank(List.of(new Board("B", pins)), Set.copyOf(pins));

        assertThat(ranking.rows()).hasSize(10);
        assertThat(c.kindsOf(ranking.rows(), 10)).containsOnly("shoe");
        assertThat(forYou.rank(List.of(new Board("elsewhere", List.of("not-here"))), Set.of()).prototypes()).isZero();
    }

    @Test
    void savingAnotherPinBringsItsKindIntoTheTopRows() {
        Random random = new Random(9);
        Collection c = new Collection();
        List<String> shoe = c.add("shoe-pin", cluster(random, axis(D, 0), 1, 0.0));
        List<String> bag = c.add("bag-pin", cluster(random, axis(D, 1), 1, 0.0));
        c.add("shoe", cluster(random, axis(D, 0), 30, 0.1));
        c.add("bag", cluster(random, axis(D, 1), 30, 0.1));
        ForYou forYou = c.forYou(ForYou.Settings.DEFAULT);

        int[] before = forYou.rank(List.of(new Board("S", shoe)), Set.copyOf(shoe)).rows();
        List<String> both = List.of(shoe.get(0), bag.get(0));
        int[] after = forYou.rank(List.of(new Board("S", both)), Set.copyOf(both)).rows();

        assertThat(c.kindsOf(before, 10)).containsOnly("shoe");
        assertThat(c.kindsOf(after, 10)).contains("bag");
    }

    @Test
    void agreesWithABruteForceRanking() {
        Random random = new Random(23);
        for (int trial = 0; trial < 4; trial++) {
            Collection c = new Collection();
            for (int k = 0; k < 8; k++) {
                c.add("k" + k, cluster(random, unit(random, D), 40, 0.08 + 0.04 * random.nextDouble()));
            }
            // a small board of three pins and a big one that gets medoids
            List<String> small = List.of(c.hashes.get(random.nextInt(320)), c.hashes.get(random.nextInt(320)),
                    c.hashes.get(random.nextInt(320)));
            List<String> big = IntStream.range(0, 25).mapToObj(i -> c.hashes.get(random.nextInt(320))).distinct()
                    .toList();
            List<Board> boards = List.of(new Board("small", small), new Board("big", big));
            Set<String> saved = new HashSet<>(small);
            saved.addAll(big);
            ForYou.Settings settings = new ForYou.Settings(6, 60, 0.6);

            int[] fast = c.forYou(settings).rank(boards, saved).rows();

            assertThat(fast).containsExactly(reference(c, boards, saved, settings));
        }
    }

    /** The ranking computed the plain way: every score and every redundancy recomputed from scratch, in double. */
    private static int[] reference(Collection c, List<Board> boards, Set<String> saved, ForYou.Settings settings) {
        List<float[]> unit = c.vectors.stream().map(ForYouTest::normalised).toList();
        List<Integer> prototypes = new ArrayList<>();
        for (Board board : boards) {
            List<Integer> rows = board.pins().stream().map(c.hashes::indexOf).filter(r -> r >= 0).distinct().toList();
            for (int m : Prototypes.medoids(rows.stream().map(unit::get).toList(), settings.maxPrototypes())) {
                if (!prototypes.contains(rows.get(m))) {
                    prototypes.add(rows.get(m));
                }
            }
        }
        int n = unit.size();
        double[] score = new double[n];
        for (int r = 0; r < n; r++) {
            score[r] = Double.NEGATIVE_INFINITY;
            for (int p : prototypes) {
                score[r] = Math.max(score[r], Prototypes.dot(unit.get(r), unit.get(p)));
            }
        }
        List<Integer> eligible = new ArrayList<>(IntStream.range(0, n).filter(r -> !saved.contains(c.hashes.get(r)))
                .boxed().toList());
        eligible.sort(Comparator.<Integer>comparingDouble(r -> -score[r]).thenComparing(r -> r));
        List<Integer> pool = new ArrayList<>(eligible.subList(0, Math.min(settings.pool(), eligible.size())));
        List<Integer> placed = new ArrayList<>();
        while (!pool.isEmpty()) {
            Integer best = null;
            double bestValue = Double.NEGATIVE_INFINITY;
            for (Integer candidate : pool) {
                double redundancy = placed.isEmpty() ? 0 : placed.stream()
                        .mapToDouble(p -> Prototypes.dot(unit.get(candidate), unit.get(p))).max().getAsDouble();
                double value = settings.lambda() * score[candidate] - (1 - settings.lambda()) * redundancy;
                if (value > bestValue) {
                    bestValue = value;
                    best = candidate;
                }
            }
            placed.add(best);
            pool.remove(best);
        }
        placed.addAll(eligible.subList(placed.size(), eligible.size()));
        return placed.stream().mapToInt(Integer::intValue).toArray();
    }

    static float[] axis(int d, int i) {
        float[] v = new float[d];
        v[i] = 1;
        return v;
    }

    static float[] unit(Random random, int d) {
        float[] v = new float[d];
        for (int i = 0; i < d; i++) {
            v[i] = (float) random.nextGaussian();
        }
        return normalised(v);
    }

    static float[] unitOf(float[] a, float[] b) {
        float[] v = new float[a.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = a[i] + b[i];
        }
        return normalised(v);
    }

    /** {@code count} unit vectors around {@code centre}, each coordinate moved by Gaussian noise of that size. */
    static List<float[]> cluster(Random random, float[] centre, int count, double noise) {
        List<float[]> out = new ArrayList<>();
        for (int k = 0; k < count; k++) {
            float[] v = centre.clone();
            for (int i = 0; i < v.length; i++) {
                v[i] += (float) (random.nextGaussian() * noise);
            }
            out.add(normalised(v));
        }
        return out;
    }

    static float[] normalised(float[] v) {
        double norm = 0;
        for (float x : v) {
            norm += x * x;
        }
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = (float) (v[i] / Math.sqrt(norm));
        }
        return out;
    }
}
