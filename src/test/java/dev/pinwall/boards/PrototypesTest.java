package dev.pinwall.boards;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class PrototypesTest {
    @Test
    void aSmallBoardIsAllItsPins() {
        List<float[]> pins = ForYouTest.cluster(new Random(1), ForYouTest.axis(8, 0), 5, 0.05);
        assertThat(Prototypes.medoids(pins, 12)).containsExactly(0, 1, 2, 3, 4);
    }

    @Test
    void medoidsOfSeparatedClustersAreAsGoodAsTheBestByBruteForce() {
        Random random = new Random(7);
        for (int trial = 0; trial < 20; trial++) {
            List<float[]> pins = new ArrayList<>();
            int clusters = 3;
            for (int c = 0; c < clusters; c++) {
                pins.addAll(ForYouTest.cluster(random, ForYouTest.axis(12, c), 3 + random.nextInt(4), 0.15));
            }
            java.util.Collections.shuffle(pins, random);
            int[] found = Prototypes.medoids(pins, clusters);
            assertThat(found).hasSize(clusters);
            assertThat(Prototypes.cost(pins, found)).isCloseTo(bestCost(pins, clusters), org.assertj.core.data.Offset.offset(1e-9));
        }
    }

    @Test
    void eachMedoidIsTheBestCentreOfThePinsNearestToIt() {
        Random random = new Random(3);
        List<float[]> pins = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            pins.add(ForYouTest.unit(random, 6));
        }
        int[] found = Prototypes.medoids(pins, 4);
        assertThat(found).hasSize(4);
        for (int m : found) {
            // the pins whose nearest medoid is m, found by brute force
            List<float[]> members = new ArrayList<>();
            for (float[] pin : pins) {
                int nearest = found[0];
                for (int other : found) {
                    if (Prototypes.dot(pin, pins.get(other)) > Prototypes.dot(pin, pins.get(nearest))) {
                        nearest = other;
                    }
                }
                if (nearest == m) {
                    members.add(pin);
                }
            }
            double own = members.stream().mapToDouble(p -> Prototypes.dot(p, pins.get(m))).sum();
            for (float[] candidate : members) {
                double total = members.stream().mapToDouble(p -> Prototypes.dot(p, candidate)).sum();
                assertThat(total).isLessThanOrEqualTo(own + 1e-9);
            }
        }
    }

    /** The least cost over every choice of k pins. */
    private static double bestCost(List<float[]> pins, int k) {
        return bestCost(pins, new int[k], 0, 0);
    }

    private static double bestCost(List<float[]> pins, int[] chosen, int depth, int from) {
        if (depth == chosen.length) {
            return Prototypes.cost(pins, chosen);
        }
        double best = Double.MAX_VALUE;
        for (int i = from; i < pins.size(); i++) {
            chosen[depth] = i;
            best = Math.min(best, bestCost(pins, chosen, depth + 1, i + 1));
        }
        return best;
    }
}
