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
        // thirty copies of one shoe much like the pin, and twenty other shoes about as close to it
        float[] oneShoe = normalised(new float[]{1, 0.3f, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
                0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0});
        c.add("copy", cluster(random, oneShoe, 30, 0.01));
        c.add("variant", cluster(random, axis(D, 0), 20, 0.1));
        c.add("other", cluster(random, axis(D, 3), 30, 0.1));
        c.add("other", cluster(random, axis(D, 4), 30, 0.1));
        Board board = new Board("Saved", shoe);
        Set<String> saved = Set.copyOf(board.pins());

        int[] diverse = c.forYou(ForYou.Settings.DEFAULT).rank(List.of(board), saved).rows();
        int[] byScoreOnly = c.forYou(new ForYou.Settings(12, 240, 1.0)).rank(List.of(board), saved).rows();

        // the copies of the shoe are the closest photos: by score alone they fill the top rows
        assertThat(c.kindsOf(byScoreOnly, 12)).containsOnly("copy");
        List<String> top = c.kindsOf(diverse, 12);
        assertThat(top.stream().filter("variant"::equals).count()).isGreaterThanOrEqualTo(4);
        assertThat(top).contains("copy").doesNotContain("other");
    }

    @Test
    void aKindWithManyLookAlikesDoesNotCrowdOutTheOther() {
        Random random = new Random(8);
        Collection c = new Collection();
        List<String> shirt = c.add("shirt-pin", cluster(random, axis(D, 0), 1, 0.0));
        List<String> shoe = c.add("shoe-pin", cluster(random, axis(D, 1), 1, 0.0));
        // a hundred shirts that all look alike, and shoes that vary more
        c.add("shirt", cluster(random, axis(D, 0), 100, 0.04));
        c.add("shoe", cluster(random, axis(D, 1), 40, 0.12));
        c.add("other", cluster(random, axis(D, 3), 60, 0.1));
        List<String> pins = List.of(shirt.get(0), shoe.get(0));
        // similarity only: the prototypes' turns, without the diversity's help
        int[] ranked = c.forYou(new ForYou.Settings(12, 240, 1.0)).rank(List.of(new Board("B", pins)),
                Set.copyOf(pins)).rows();
        List<String> top = c.kindsOf(ranked, 12);
        assertThat(top.stream().filter("shoe"::equals).count()).isGreaterThanOrEqualTo(3);
        assertThat(top).contains("shirt");
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

            int[] expected = reference(c, boards, saved, settings);
            int firstDifference = IntStream.range(0, expected.length).filter(i -> fast[i] != expected[i]).findFirst()
                    .orElse(-1);
            assertThat(firstDifference).as("first difference in trial " + trial).isEqualTo(-1);
            assertThat(fast).containsExactly(expected);
        }
    }

    /**
     * The ranking computed the plain way, in double: vectors centred on the mean and normalised, each row given to
     * its closest prototype, each prototype's share reordered by MMR recomputing every redundancy, then turns.
     */
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
        double[] mean = new double[D];
        for (float[] v : unit) {
            for (int i = 0; i < D; i++) {
                mean[i] += v[i] / (double) n;
            }
        }
        double[][] centred = new double[n][D];
        for (int r = 0; r < n; r++) {
            double norm = 0;
            for (int i = 0; i < D; i++) {
                centred[r][i] = unit.get(r)[i] - mean[i];
                norm += centred[r][i] * centred[r][i];
            }
            for (int i = 0; i < D; i++) {
                centred[r][i] /= Math.sqrt(norm);
            }
        }
        // every eligible row to its closest prototype
        double[] score = new double[n];
        int[] owner = new int[n];
        for (int r = 0; r < n; r++) {
            score[r] = Double.NEGATIVE_INFINITY;
            for (int p = 0; p < prototypes.size(); p++) {
                double sim = dot(centred[r], centred[prototypes.get(p)]);
                if (sim > score[r]) {
                    score[r] = sim;
                    owner[r] = p;
                }
            }
        }
        List<Integer> eligible = new ArrayList<>(IntStream.range(0, n).filter(r -> !saved.contains(c.hashes.get(r)))
                .boxed().toList());
        Comparator<Integer> byScore = Comparator.<Integer>comparingDouble(r -> -score[r]).thenComparing(r -> r);
        eligible.sort(byScore);
        int share = (int) Math.ceil(settings.pool() / (double) prototypes.size());
        List<List<Integer>> lists = new ArrayList<>();
        for (int p = 0; p < prototypes.size(); p++) {
            int mine = p;
            List<Integer> pool = new ArrayList<>(eligible.stream().filter(r -> owner[r] == mine).limit(share).toList());
            // maximal marginal relevance, every redundancy recomputed from scratch
            List<Integer> order = new ArrayList<>();
            while (!pool.isEmpty()) {
                Integer best = null;
                double bestValue = Double.NEGATIVE_INFINITY;
                for (Integer candidate : pool) {
                    double redundancy = order.isEmpty() ? 0 : order.stream()
                            .mapToDouble(q -> dot(centred[candidate], centred[q])).max().getAsDouble();
                    double value = settings.lambda() * score[candidate] - (1 - settings.lambda()) * redundancy;
                    if (value > bestValue) {
                        bestValue = value;
                        best = candidate;
                    }
                }
                order.add(best);
                pool.remove(best);
            }
            lists.add(order);
        }
        List<Integer> placed = new ArrayList<>();
        for (int turn = 0; turn < n; turn++) {
            int t = turn;
            placed.addAll(lists.stream().filter(l -> t < l.size()).map(l -> l.get(t)).sorted(byScore).toList());
        }
        eligible.stream().filter(r -> !placed.contains(r)).forEach(placed::add);
        return placed.stream().mapToInt(Integer::intValue).toArray();
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
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
