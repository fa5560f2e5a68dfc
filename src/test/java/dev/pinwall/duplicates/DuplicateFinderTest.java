package dev.pinwall.duplicates;

import dev.pinwall.search.VectorIndex;
import org.junit.jupiter.api.Test;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class DuplicateFinderTest {

    /** Random unit vectors with planted near-copies: some pairs, and one group larger than a neighbour list. */
    private static VectorIndex planted(Random random, int base, int dimension) {
        VectorIndex index = new VectorIndex(dimension, base * 2);
        List<float[]> originals = new ArrayList<>();
        for (int i = 0; i < base; i++) {
            float[] v = new float[dimension];
            for (int d = 0; d < dimension; d++) {
                v[d] = (float) random.nextGaussian();
            }
            originals.add(v);
            index.add(v);
        }
        for (int i = 0; i < base / 4; i++) { // a copy of every fourth, a little noisier each time
            index.add(noisy(originals.get(i * 4), 0.05 + 0.3 * random.nextDouble(), random));
        }
        for (int i = 0; i < DuplicateFinder.NEIGHBOURS + 5; i++) { // more copies of one photo than a list holds
            index.add(noisy(originals.get(1), 0.1, random));
        }
        return index;
    }

    private static float[] noisy(float[] v, double amount, Random random) {
        float[] out = v.clone();
        double norm = Math.sqrt(Arrays.stream(toDouble(v)).map(x -> x * x).sum() / v.length);
        for (int d = 0; d < out.length; d++) {
            out[d] += (float) (amount * norm * random.nextGaussian());
        }
        return out;
    }

    private static double[] toDouble(float[] v) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i];
        }
        return out;
    }

    /** Every pair compared: the reference for the pairs. */
    private static Set<String> bruteForcePairs(VectorIndex index, float threshold) {
        Set<String> pairs = new HashSet<>();
        for (int a = 0; a < index.size(); a++) {
            for (int b = a + 1; b < index.size(); b++) {
                if (index.similarity(a, b) >= threshold - DuplicateFinder.ROUNDING) {
                    pairs.add(a + "-" + b);
                }
            }
        }
        return pairs;
    }

    /** Breadth-first search over the full similarity graph: the reference for the groups. */
    private static List<List<Integer>> bruteForceGroups(VectorIndex index, float threshold) {
        int n = index.size();
        boolean[] seen = new boolean[n];
        List<List<Integer>> groups = new ArrayList<>();
        for (int start = 0; start < n; start++) {
            if (seen[start]) {
                continue;
            }
            List<Integer> group = new ArrayList<>();
            Deque<Integer> queue = new ArrayDeque<>(List.of(start));
            seen[start] = true;
            while (!queue.isEmpty()) {
                int r = queue.poll();
                group.add(r);
                for (int other = 0; other < n; other++) {
                    if (!seen[other] && other != r && index.similarity(r, other) >= threshold - DuplicateFinder.ROUNDING) {
                        seen[other] = true;
                        queue.add(other);
                    }
                }
            }
            if (group.size() > 1) {
                group.sort(null);
                groups.add(group);
            }
        }
        return groups;
    }

    private static List<List<Integer>> asLists(List<int[]> groups) {
        return groups.stream().map(g -> Arrays.stream(g).boxed().toList()).toList();
    }

    @Test
    void pairsAndGroupsAreThoseOfEveryPairCompared() {
        Random random = new Random(7);
        VectorIndex index = planted(random, 200, 48);
        for (float threshold : new float[]{0.80f, 0.90f, 0.97f}) {
            List<SimilarPair> pairs = DuplicateFinder.pairs(index, index.size(), threshold);
            Set<String> found = new HashSet<>();
            pairs.forEach(p -> found.add(p.a() + "-" + p.b()));
            assertThat(found).as("threshold %s", threshold).isEqualTo(bruteForcePairs(index, threshold));
            assertThat(found).hasSize(pairs.size()); // each pair once
            assertThat(asLists(DuplicateFinder.groups(index, index.size(), threshold)))
                    .isEqualTo(bruteForceGroups(index, threshold));
        }
        // The group of one photo and its many copies is found whole, past the neighbour list's length.
        List<int[]> groups = DuplicateFinder.groups(index, index.size(), 0.9f);
        assertThat(groups).anySatisfy(g -> assertThat(g.length).isGreaterThan(DuplicateFinder.NEIGHBOURS + 1));
    }

    @Test
    void pairsGatheredLowGroupAtAnyHigherThreshold() {
        VectorIndex index = planted(new Random(3), 120, 32);
        List<SimilarPair> low = DuplicateFinder.pairs(index, index.size(), 0.8f);
        assertThat(low).isSortedAccordingTo((x, y) -> Float.compare(y.score(), x.score()));
        for (float threshold : new float[]{0.85f, 0.95f}) {
            assertThat(asLists(DuplicateFinder.groups(index.size(), low, threshold)))
                    .isEqualTo(bruteForceGroups(index, threshold));
        }
    }

    @Test
    void onlyTheFirstRowsAreCompared() {
        VectorIndex index = new VectorIndex(3, 4);
        index.add(new float[]{1, 0, 0});
        index.add(new float[]{0, 1, 0});
        index.add(new float[]{1, 0.01f, 0}); // a copy of row 0, left out below
        assertThat(DuplicateFinder.groups(index, 2, 0.9f)).isEmpty();
        assertThat(asLists(DuplicateFinder.groups(index, 3, 0.9f))).containsExactly(List.of(0, 2));
        assertThat(DuplicateFinder.groups(index, 1, 0.9f)).isEmpty();
        assertThat(DuplicateFinder.groups(index, 0, 0.9f)).isEmpty();
    }

    @Test
    void firstOfEachKeepsOneOfEveryGroupAndDropsCopiesOfWhatIsShown() {
        float[] pin = {1, 0, 0};
        float[] pinCopy = {1, 0.05f, 0};
        float[] a = {0, 1, 0};
        float[] aCopy = {0.02f, 1, 0};
        float[] b = {0, 0, 1};
        boolean[] keep = DuplicateFinder.firstOfEach(List.of(pinCopy, a, aCopy, b), List.of(pin), 0.95f);
        assertThat(keep).containsExactly(false, true, false, true);
        assertThat(DuplicateFinder.firstOfEach(List.of(pinCopy, a, aCopy, b), List.of(), 0.95f))
                .containsExactly(true, true, false, true);
    }
}
