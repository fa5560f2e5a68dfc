package dev.pinwall.metadata;

/**
 * A product's labels from a Kaggle-style {@code styles.csv}. Fields that the file leaves empty are empty strings.
 */
public record ProductInfo(String id, String gender, String masterCategory, String subCategory, String articleType,
                          String baseColour, String season, String year, String usage, String displayName) {
}
