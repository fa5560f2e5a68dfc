package dev.pinwall.ui;

import dev.pinwall.library.Photo;
import dev.pinwall.metadata.ProductInfo;
import dev.pinwall.metadata.StylesCsv;
import dev.pinwall.task.CurrentThreadTaskExecutor;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How long the wall's search takes on a big wall: the labels of {@code LABELS_CSV} repeated to {@code COUNT} photos
 * (default 44,000), then a few queries, first with a cold text cache and then warm. Prints milliseconds per query.
 * The first query also builds the per-photo text; {@code --warm} warms the JIT on another wall first.
 * Run: {@code java -cp ... dev.pinwall.ui.WallSearchBench ../shared/datasets/fashion-dev/labels.csv [COUNT [--warm]]}.
 */
public final class WallSearchBench {
    public static void main(String[] args) throws Exception {
        List<ProductInfo> labels = new ArrayList<>(StylesCsv.read(Path.of(args[0])).products().values());
        int count = args.length > 1 ? Integer.parseInt(args[1]) : 44_000;
        List<Photo> photos = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            photos.add(new Photo(Path.of("/wall", i + ".jpg"), labels.get(i % labels.size())));
        }
        if (args.length > 2 && args[2].equals("--warm")) {
            // warm the JIT on a separate wall first: what remains is the per-wall cost
            WallSearch warm = new WallSearch(FXCollections.observableArrayList(photos), new CurrentThreadTaskExecutor());
            for (int i = 0; i < 5; i++) {
                warm.setQuery("red dress " + i);
                warm.clear();
            }
        }
        ObservableList<Photo> source = FXCollections.observableArrayList(photos);
        WallSearch search = new WallSearch(source, new CurrentThreadTaskExecutor());
        long built = System.nanoTime();
        source.setAll(new ArrayList<>(photos)); // builds the texts, as opening a folder does (in the background)
        System.out.printf(Locale.ROOT, "texts for %,d photos built in %.1f ms (off the UI thread in the app)%n",
                count, (System.nanoTime() - built) / 1e6);
        for (String query : List.of("red dress", "red", "men blue shirt", "", "red dress", "watch", "r", "re", "red")) {
            long start = System.nanoTime();
            search.setQuery(query);
            double ms = (System.nanoTime() - start) / 1e6;
            System.out.printf(Locale.ROOT, "%-16s %,7d matches  %7.1f ms%n", "\"" + query + "\"",
                    search.matchesBinding().get(), ms);
        }
    }
}
