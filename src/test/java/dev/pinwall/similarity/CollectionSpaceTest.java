package dev.pinwall.similarity;

import dev.pinwall.search.Hit;
import dev.pinwall.search.VectorIndex;
import dev.pinwall.search.Vectors;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class CollectionSpaceTest {
    private static final int DIMENSION = 24;

    /** Clustered positive vectors, like ReLU features: a few cluster centres plus noise. */
    private static List<float[]> clustered(int n, long seed) {
        Random random = new Random(seed);
        float[][] centres = new float[6][DIMENSION];
        for (float[] c : centres) {
            for (int i = 0; i < DIMENSION; i++) {
                c[i] = random.nextFloat() * (random.nextFloat() < 0.3 ? 3 : 0.3f);
            }
        }
        List<float[]> out = new ArrayList<>();
        for (int r = 0; r < n; r++) {
            float[] c = centres[random.nextInt(centres.length)];
            float[] v = new float[DIMENSION];
            for (int i = 0; i < DIMENSION; i++) {
                v[i] = Math.max(0, c[i] + (float) random.nextGaussian() * 0.4f);
            }
            out.add(v);
        }
        return out;
    }

    private static VectorIndex index(List<float[]> vectors) {
        VectorIndex index = new VectorIndex(DIMENSION, vectors.size());
        vectors.forEach(index::add);
        return index;
    }

    /** The pipeline written out directly: mean over the first {@code meanRows}, centred, exact top-10, augmented. */
    private record Reference(float[][] centred, int[][] neighbours, float[][] augmented) {
        static Reference of(List<float[]> raw, int meanRows) {
            return of(raw, meanRows, false);
        }

        /** {@code prepared}: no root and no mean, the vectors are only normalised (a projection's output). */
        static Reference of(List<float[]> raw, int meanRows, boolean prepared) {
            int n = raw.size();
            float[][] rooted = new float[n][];
            for (int r = 0; r < n; r++) {
                float[] unit = Vectors.normalised(raw.get(r));
                rooted[r] = new float[DIMENSION];
                for (int i = 0; i < DIMENSION; i++) {
                    rooted[r][i] = prepared ? unit[i] : (float) Math.sqrt(unit[i]); // components are non-negative here
                }
            }
            float[] mean = new float[DIMENSION];
            for (int r = 0; r < (prepared ? 0 : meanRows); r++) {
                for (int i = 0; i < DIMENSION; i++) {
                    mean[i] += rooted[r][i] / meanRows;
                }
            }
            float[][] centred = new float[n][];
            for (int r = 0; r < n; r++) {
                float[] c = new float[DIMENSION];
                for (int i = 0; i < DIMENSION; i++) {
                    c[i] = rooted[r][i] - mean[i];
                }
                centred[r] = Vectors.normalised(c);
            }
            int[][] neighbours = new int[n][];
            float[][] augmented = new float[n][];
            for (int r = 0; r < n; r++) {
                int self = r;
                neighbours[r] = IntStream.range(0, n).filter(j -> j != self).boxed()
                        .sorted(Comparator.comparingDouble(j -> -dot(centred[self], centred[j])))
                        .limit(CollectionSpace.NEIGHBOURS).mapToInt(Integer::intValue).toArray();
                float[] sum = centred[r].clone();
                for (int j : neighbours[r]) {
                    double s = Math.max(0, dot(centred[r], centred[j]));
                    for (int i = 0; i < DIMENSION; i++) {
                        sum[i] += (float) (s * s * s) * centred[j][i];
                    }
                }
                augmented[r] = Vectors.normalised(sum);
            }
            return new Reference(centred, neighbours, augmented);
        }
    }

    private static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (double) a[i] * b[i];
        }
        return s;
    }

    private static void assertMatches(CollectionSpace space, Reference reference) {
        CollectionSpace.State state = space.takeState();
        for (int r = 0; r < reference.neighbours().length; r++) {
            assertThat(state.neighbours().get(r)).as("neighbours of row %d", r).containsExactly(reference.neighbours()[r]);
            float[] v = space.vector(r);
            for (int i = 0; i < DIMENSION; i++) {
                assertThat(v[i]).as("row %d component %d", r, i).isCloseTo(reference.augmented()[r][i], within(1e-4f));
            }
        }
    }

    @Test
    void batchFitEqualsTheBruteForcePipeline() {
        List<float[]> raw = clustered(80, 1);
        CollectionSpace space = new CollectionSpace(index(raw), FeatureLayout.single(DIMENSION));
        space.fit();
        assertThat(space.size()).isEqualTo(80);
        assertMatches(space, Reference.of(raw, 80));
    }

    @Test
    void aPreparedSpaceSkipsRootAndCentringButAugmentsAsUsual() {
        List<float[]> raw = clustered(80, 4);
        CollectionSpace space = CollectionSpace.ofPrepared(index(raw), FeatureLayout.single(DIMENSION));
        space.fit();
        assertThat(space.isPrepared()).isTrue();
        assertMatches(space, Reference.of(raw, 80, true));
        // and it is not the ordinary pipeline: rooting and centring move these clustered vectors
        float[] plain = space.centredVector(0);
        CollectionSpace ordinary = new CollectionSpace(index(raw), FeatureLayout.single(DIMENSION));
        ordinary.fit();
        assertThat(dot(plain, ordinary.centredVector(0))).isLessThan(0.99);
        // rows added later are linked in the same prepared space
        VectorIndex source = index(raw.subList(0, 60));
        CollectionSpace growing = CollectionSpace.ofPrepared(source, FeatureLayout.single(DIMENSION));
        growing.fit();
        raw.subList(60, 80).forEach(v -> {
            source.add(v);
            growing.catchUp();
        });
        assertMatches(growing, Reference.of(raw, 80, true));
    }

    @Test
    void photosAddedOneByOneGetTheSameNeighboursAsABatchRecomputation() {
        List<float[]> raw = clustered(90, 2);
        VectorIndex source = index(raw.subList(0, 50));
        CollectionSpace space = new CollectionSpace(source, FeatureLayout.single(DIMENSION), 100); // keep the mean
        space.fit();
        for (float[] v : raw.subList(50, 90)) {
            source.add(v);
            space.catchUp();
        }
        assertThat(space.fittedRows()).isEqualTo(50);
        // Same mean (fitted on the first 50): lists and augmented vectors equal a recomputation over all 90.
        assertMatches(space, Reference.of(raw, 50));
    }

    @Test
    void theMeanIsRefittedOnceTheCollectionGrewByAFifth() {
        List<float[]> raw = clustered(70, 3);
        VectorIndex source = index(raw.subList(0, 50));
        CollectionSpace space = new CollectionSpace(source, FeatureLayout.single(DIMENSION));
        space.fit();
        for (int r = 50; r < 59; r++) {
            source.add(raw.get(r));
            space.catchUp();
        }
        assertThat(space.fittedRows()).isEqualTo(50);
        source.add(raw.get(59));
        space.catchUp();
        assertThat(space.fittedRows()).isEqualTo(60);
        Reference reference = Reference.of(raw.subList(0, 60), 60);
        float[] centred = space.centredIndex().vector(7);
        for (int i = 0; i < DIMENSION; i++) {
            assertThat(centred[i]).isCloseTo(reference.centred()[7][i], within(1e-5f));
        }
    }

    @Test
    void aRestoredStateEqualsTheSpaceThatWasSaved() {
        List<float[]> raw = clustered(70, 4);
        VectorIndex source = index(raw.subList(0, 60));
        CollectionSpace space = new CollectionSpace(source, FeatureLayout.single(DIMENSION));
        space.fit();
        for (float[] v : raw.subList(60, 70)) {
            source.add(v);
            space.catchUp();
        }
        CollectionSpace.State saved = space.takeState();

        CollectionSpace restored = new CollectionSpace(index(raw), FeatureLayout.single(DIMENSION));
        restored.restore(saved.mean(), saved.meanRows(), saved.neighbours());
        assertThat(restored.fittedRows()).isEqualTo(space.fittedRows());
        for (int r = 0; r < 70; r++) {
            assertThat(restored.vector(r)).containsExactly(space.vector(r), within(1e-6f));
            assertThat(restored.nearest(r, 5, x -> true, -2f)).extracting(Hit::row)
                    .containsExactlyElementsOf(space.nearest(r, 5, x -> true, -2f).stream().map(Hit::row).toList());
        }
    }

    @Test
    void rowsMissingFromASavedStateAreLinkedAsIfJustAdded() {
        List<float[]> raw = clustered(60, 5);
        CollectionSpace space = new CollectionSpace(index(raw), FeatureLayout.single(DIMENSION), 100);
        space.fit();
        CollectionSpace.State saved = space.takeState();
        var partial = new java.util.HashMap<>(saved.neighbours());
        partial.remove(3);
        partial.remove(40);

        CollectionSpace restored = new CollectionSpace(index(raw), FeatureLayout.single(DIMENSION), 100);
        restored.restore(saved.mean(), saved.meanRows(), partial);
        assertThat(restored.takeState().neighbours().get(40)).containsExactly(saved.neighbours().get(40));
        assertThat(restored.vector(3)).containsExactly(space.vector(3), within(1e-6f));
    }

    @Test
    void anOutsideQueryIsExpandedWithItsThreeNearestAugmentedRows() {
        List<float[]> raw = clustered(50, 6);
        CollectionSpace space = new CollectionSpace(index(raw), FeatureLayout.single(DIMENSION));
        space.fit();
        float[] outside = clustered(51, 6).get(50);
        Reference reference = Reference.of(raw, 50);
        // Brute force: centre the query on the collection's mean, find its top 3 among augmented rows, add them.
        float[] q = space.outsideQuery(outside, r -> true);
        float[] centred = centredAsReference(outside, raw);
        Integer[] order = IntStream.range(0, 50).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingDouble(j -> -dot(centred, reference.augmented()[j])));
        float[] expected = centred.clone();
        for (int t = 0; t < CollectionSpace.EXPANSION; t++) {
            double s = Math.max(0, dot(centred, reference.augmented()[order[t]]));
            for (int i = 0; i < DIMENSION; i++) {
                expected[i] += (float) (s * s * s) * reference.augmented()[order[t]][i];
            }
        }
        assertThat(q).containsExactly(Vectors.normalised(expected), within(1e-4f));
    }

    private static float[] centredAsReference(float[] outside, List<float[]> collection) {
        List<float[]> all = new ArrayList<>(collection);
        all.add(outside);
        // The mean is the collection's (first 50 rows), and the outside vector is centred like a row.
        return Reference.of(all, collection.size()).centred()[collection.size()];
    }

    @Test
    void fusedBlocksAreCentredAndWeighedSeparately() {
        FeatureLayout layout = FeatureLayout.fused(2, 2);
        float[] centred = layout.centred(new float[] {3, 4, 0, 2}, new float[4]);
        assertThat(centred).containsExactly(new float[] {0.6f, 0.8f, 0, 0.5f}, within(1e-6f));
    }
}
