package dev.pinwall.library;

import dev.pinwall.metadata.ProductInfo;

import java.nio.file.Path;
import java.util.Optional;

/**
 * One image of the collection as the wall shows it. Identity is the path.
 *
 * @param path absolute path of the image file
 * @param info product labels when the folder has a {@code styles.csv} row for it, else null
 */
public record Photo(Path path, ProductInfo info) {

    public String name() {
        return path.getFileName().toString();
    }

    public Optional<ProductInfo> productInfo() {
        return Optional.ofNullable(info);
    }
}
