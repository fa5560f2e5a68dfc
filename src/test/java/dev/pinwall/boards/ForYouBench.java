package dev.pinwall.boards;

import dev.pinwall.search.VectorIndex;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * How long the For-you wall takes to update after a pin is saved, at collection scale:
 * {@code ForYouBench STORE IMAGES [ROWS]} derives ROWS (default 44,000) vectors from the real MobileNetV2 vectors of a
 * folder in the store (each a mix of two real ones plus a little noise, as {@code RelatedQueryBench} does), then saves
 * pins one at a time to two boards and times each update (the new pin's pass over the matrix, the maximum over
 * every prototype, the sort and the diversified pool), and a board of 40 pins ranked from scratch (medoids).
 */
public final class ForYouBench {
    public static void main(String[] args) throws Exception {
        List<float[]> real = dev.pinwall.similarity.BenchVectors.derived(java.nio.file.Path.of(args[0]),
                java.nio.file.Path.of(args[1]), args.length > 2 ? Integer.parseInt(args[2]) : 44_000);
        int rows = real.size();
        int d = real.get(0).length;
        VectorIndex index = new VectorIndex(d, rows);
        List<String> hashes = new ArrayList<>(rows);
        for (int r = 0; r < rows; r++) {
            index.add(real.get(r));
            hashes.add("h" + r);
        }
        real = null;
        long built = System.nanoTime();
        ForYou forYou = new ForYou(index, hashes, ForYou.Settings.DEFAULT);
        System.out.printf("preparing a ranking of %,d rows (the collection mean, once per indexing run): %.0f ms%n",
                rows, (System.nanoTime() - built) / 1e6);
        Random random = new Random(3);
        List<String> shoes = new ArrayList<>();
        List<String> bags = new ArrayList<>();
        System.out.printf("For-you update after saving a pin, %,d x %d-d rows:%n", rows, d);
        for (int k = 0; k < 12; k++) {
            (k % 2 == 0 ? shoes : bags).add(hashes.get(random.nextInt(rows)));
            List<Board> boards = List.of(new Board("Shoes", shoes), new Board("Bags", bags));
            Set<String> saved = new HashSet<>(shoes);
            saved.addAll(bags);
            long t0 = System.nanoTime();
            ForYou.Ranking ranking = forYou.rank(boards, saved);
            System.out.printf("  pins %2d, prototypes %2d: %4.0f ms (%,d ranked)%n", k + 1, ranking.prototypes(),
                    (System.nanoTime() - t0) / 1e6, ranking.rows().length);
        }
        List<String> big = new ArrayList<>();
        for (int k = 0; k < 40; k++) {
            big.add(hashes.get(random.nextInt(rows)));
        }
        ForYou fresh = new ForYou(index, hashes, ForYou.Settings.DEFAULT);
        long t0 = System.nanoTime();
        ForYou.Ranking ranking = fresh.rank(List.of(new Board("Big", big)), new HashSet<>(big));
        System.out.printf("a 40-pin board from scratch (%d medoids, each a pass over the matrix): %.0f ms%n",
                ranking.prototypes(), (System.nanoTime() - t0) / 1e6);
    }
}
