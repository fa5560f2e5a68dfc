package dev.pinwall.similarity;

/** How the Related panel, {@code similar} and {@code eval} rank photos. */
public enum SimilarityMode {
    /** The original method: cosine of the backbone's L2-normalised features. */
    PLAIN,
    /**
     * The default: signed square root, centred on the collection's mean, L2; database-side augmentation with the
     * top-10 neighbours; α-query-expansion for images from outside the collection. Costs no extra embedding.
     */
    COLLECTION,
    /** {@link #COLLECTION} plus k-reciprocal re-ranking of the top candidates of each query. */
    BEST
}
