package dev.pinwall.metadata;

/**
 * A product's labels from a Kaggle-style {@code styles.csv}. Fields that the file leaves empty are empty strings.
 */
public record ProductInfo(String id, String gender, String masterCategory, String subCategory, String articleType,
                          String baseColour, String season, String year, String usage, String displayName) {

    /** The styles.csv columns of the labels, {@code id} as {@code productId}. */
    public static final java.util.List<String> COLUMNS = java.util.List.of("productId", "gender", "masterCategory",
            "subCategory", "articleType", "baseColour", "season", "year", "usage", "productDisplayName");

    /** The non-empty labels by styles.csv column name ({@code id} as {@code productId}). */
    public java.util.Map<String, String> labels() {
        java.util.Map<String, String> labels = new java.util.LinkedHashMap<>();
        for (String column : COLUMNS) {
            String value = label(column);
            if (!value.isEmpty()) {
                labels.put(column, value);
            }
        }
        return labels;
    }

    /** The label in styles.csv column {@code column} ({@code id} also as {@code productId}), or "" when absent. */
    public String label(String column) {
        String value = switch (column) {
            case "id", "productId" -> id;
            case "gender" -> gender;
            case "masterCategory" -> masterCategory;
            case "subCategory" -> subCategory;
            case "articleType" -> articleType;
            case "baseColour" -> baseColour;
            case "season" -> season;
            case "year" -> year;
            case "usage" -> usage;
            case "productDisplayName" -> displayName;
            default -> "";
        };
        return value == null ? "" : value;
    }
}
