package dev.pinwall.metadata;

/**
 * A product's labels from a Kaggle-style {@code styles.csv}. Fields that the file leaves empty are empty strings.
 */
public record ProductInfo(String id, String gender, String masterCategory, String subCategory, String articleType,
                          String baseColour, String season, String year, String usage, String displayName) {

    /** The non-empty labels by styles.csv column name ({@code id} as {@code productId}). */
    public java.util.Map<String, String> labels() {
        java.util.Map<String, String> labels = new java.util.LinkedHashMap<>();
        labels.put("productId", id);
        labels.put("gender", gender);
        labels.put("masterCategory", masterCategory);
        labels.put("subCategory", subCategory);
        labels.put("articleType", articleType);
        labels.put("baseColour", baseColour);
        labels.put("season", season);
        labels.put("year", year);
        labels.put("usage", usage);
        labels.put("productDisplayName", displayName);
        labels.values().removeIf(v -> v == null || v.isEmpty());
        return labels;
    }
}
