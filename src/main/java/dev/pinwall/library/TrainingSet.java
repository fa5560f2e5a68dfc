package dev.pinwall.library;

import dev.pinwall.metadata.ProductInfo;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The labelled photos of a collection that have a vector, gathered for {@link ProjectionTrainer}, in the
 * collection's display order.
 *
 * @param vectors the model vectors
 * @param labels  the label of each vector
 */
public record TrainingSet(List<float[]> vectors, List<String> labels) {

    public TrainingSet {
        vectors = List.copyOf(vectors);
        labels = List.copyOf(labels);
    }

    public int size() {
        return labels.size();
    }

    /**
     * The embedded photos of the library that {@code include} takes and that have a non-empty label.
     *
     * @param labelOf the label of a photo, empty or blank when it has none
     */
    public static TrainingSet of(Library library, Function<Photo, Optional<String>> labelOf, Predicate<Photo> include) {
        List<float[]> vectors = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        for (Photo photo : library.photos()) {
            if (!include.test(photo)) {
                continue;
            }
            Optional<String> label = labelOf.apply(photo).filter(l -> !l.isBlank());
            Optional<float[]> vector = label.isPresent() ? library.vector(photo) : Optional.empty();
            if (vector.isPresent()) {
                vectors.add(vector.get());
                labels.add(label.get());
            }
        }
        return new TrainingSet(vectors, labels);
    }

    /**
     * The embedded photos of the library labelled by its own {@code styles.csv} (what the window has), by one of
     * its columns: {@code articleType}, {@code subCategory}, {@code masterCategory}, {@code baseColour},
     * {@code gender}, {@code usage} or {@code season}.
     */
    public static TrainingSet fromProductInfo(Library library, String column) {
        Function<ProductInfo, String> field = productField(column);
        return of(library, photo -> photo.productInfo().map(field), photo -> true);
    }

    /** The accessor of a {@code styles.csv} column by name (any case). */
    public static Function<ProductInfo, String> productField(String column) {
        return switch (column.strip().toLowerCase(Locale.ROOT)) {
            case "articletype" -> ProductInfo::articleType;
            case "subcategory" -> ProductInfo::subCategory;
            case "mastercategory" -> ProductInfo::masterCategory;
            case "basecolour" -> ProductInfo::baseColour;
            case "gender" -> ProductInfo::gender;
            case "usage" -> ProductInfo::usage;
            case "season" -> ProductInfo::season;
            default -> throw new IllegalArgumentException("no label column '" + column + "' in the collection's "
                    + "metadata: use articleType, subCategory, masterCategory, baseColour, gender, usage or season");
        };
    }
}
