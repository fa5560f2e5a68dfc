package dev.pinwall.library;

import dev.pinwall.duplicates.DuplicateFinder;
import dev.pinwall.duplicates.SimilarPair;
import dev.pinwall.scan.ImageFiles;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The near-identical pairs of a collection's photos down to a minimum cosine ({@link Library#nearDuplicates}), which
 * can be grouped at that threshold or any higher one without comparing the photos again.
 *
 * @param photos   the photos with a vector, by row
 * @param pairs    every pair of rows whose plain cosine is at least {@code minScore}, highest first
 * @param minScore the lowest threshold these pairs can be grouped at
 */
public record NearDuplicates(List<Photo> photos, List<SimilarPair> pairs, float minScore) {

    public NearDuplicates {
        photos = List.copyOf(photos);
        pairs = List.copyOf(pairs);
    }

    /**
     * Groups of two photos or more (connected components at {@code threshold}), each in display order (file names,
     * numerically where they are numbers), the groups in the order of their first photo.
     */
    public List<List<Photo>> groups(float threshold) {
        if (threshold < minScore) {
            throw new IllegalArgumentException("pairs were gathered down to " + minScore + ", not " + threshold);
        }
        Comparator<Photo> order = Comparator.comparing(Photo::path, ImageFiles.DISPLAY_ORDER);
        List<List<Photo>> groups = new ArrayList<>();
        for (int[] group : DuplicateFinder.groups(photos.size(), pairs, threshold)) {
            groups.add(Arrays.stream(group).mapToObj(photos::get).sorted(order).toList());
        }
        groups.sort(Comparator.comparing(g -> g.get(0), order));
        return groups;
    }

    /**
     * Related matches with one photo per group of near-duplicates: a match is dropped when its plain cosine to the
     * pin, or to a match kept above it, reaches {@code threshold}. Looks only at the given photos (no collection-wide
     * pass), so a toggle costs nothing; a chain of copies that leaves the list is not followed.
     *
     * @param pin the photo the matches are related to, or null for an outside image
     */
    public static List<Match> firstOfEach(Library library, Photo pin, List<Match> matches, float threshold) {
        List<float[]> seen = pin == null ? List.of() : library.vector(pin).map(List::of).orElse(List.of());
        List<Match> withVector = matches.stream().filter(m -> library.vector(m.photo()).isPresent()).toList();
        boolean[] keep = DuplicateFinder.firstOfEach(
                withVector.stream().map(m -> library.vector(m.photo()).orElseThrow()).toList(), seen, threshold);
        List<Match> out = new ArrayList<>();
        for (int i = 0; i < withVector.size(); i++) {
            if (keep[i]) {
                out.add(withVector.get(i));
            }
        }
        return out;
    }
}
