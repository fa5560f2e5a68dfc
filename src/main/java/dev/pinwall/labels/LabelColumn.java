package dev.pinwall.labels;

import dev.pinwall.metadata.ProductInfo;

import java.util.function.Function;

/** The columns of a styles/labels CSV that a photo's label can be suggested for, with their CSV names. */
public enum LabelColumn {
    ARTICLE_TYPE("articleType", "Type", ProductInfo::articleType),
    MASTER_CATEGORY("masterCategory", "Category", ProductInfo::masterCategory),
    SUB_CATEGORY("subCategory", "Subcategory", ProductInfo::subCategory),
    BASE_COLOUR("baseColour", "Colour", ProductInfo::baseColour),
    GENDER("gender", "Gender", ProductInfo::gender),
    SEASON("season", "Season", ProductInfo::season),
    USAGE("usage", "Usage", ProductInfo::usage);

    private final String csvName;
    private final String title;
    private final Function<ProductInfo, String> field;

    LabelColumn(String csvName, String title, Function<ProductInfo, String> field) {
        this.csvName = csvName;
        this.title = title;
        this.field = field;
    }

    /** The column's name in a styles.csv header. */
    public String csvName() {
        return csvName;
    }

    /** How the details pane names it. */
    public String title() {
        return title;
    }

    /** The product's value in this column; empty when the file leaves it empty. */
    public String of(ProductInfo info) {
        return field.apply(info);
    }
}
