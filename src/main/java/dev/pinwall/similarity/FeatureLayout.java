package dev.pinwall.similarity;

import java.util.Arrays;

/**
 * How a vector splits into blocks, one per backbone, and the weight of each block once centred. One block of
 * weight 1 for an ordinary embedder; two for a fused one (e.g. MobileNetV2 then MobileNetV3-Small at 0.5).
 *
 * @param sizes   length of each block, in order; they add up to the vector's length
 * @param weights weight of each block after it is centred and L2-normalised
 */
public record FeatureLayout(int[] sizes, float[] weights) {

    public FeatureLayout {
        if (sizes.length == 0 || sizes.length != weights.length) {
            throw new IllegalArgumentException("a layout needs one weight per block, and at least one block");
        }
        for (int size : sizes) {
            if (size <= 0) {
                throw new IllegalArgumentException("block sizes must be positive: " + Arrays.toString(sizes));
            }
        }
        sizes = sizes.clone();
        weights = weights.clone();
    }

    /** One block of weight 1. */
    public static FeatureLayout single(int dimension) {
        return new FeatureLayout(new int[] {dimension}, new float[] {1f});
    }

    /** Weight of every block after the first in a fused vector: the first backbone leads. */
    public static final float FUSED_WEIGHT = 0.5f;

    /** Blocks of a fused embedder: the first at weight 1, the others at {@link #FUSED_WEIGHT}. */
    public static FeatureLayout fused(int... sizes) {
        float[] weights = new float[sizes.length];
        Arrays.fill(weights, FUSED_WEIGHT);
        weights[0] = 1f;
        return new FeatureLayout(sizes, weights);
    }

    public int dimension() {
        return Arrays.stream(sizes).sum();
    }

    /** Signed square root of each component: tames the few large activations that otherwise dominate cosine. */
    static float[] rooted(float[] vector) {
        float[] out = new float[vector.length];
        for (int i = 0; i < vector.length; i++) {
            float x = vector[i];
            out[i] = x < 0 ? (float) -Math.sqrt(-x) : (float) Math.sqrt(x);
        }
        return out;
    }

    /**
     * Centres a rooted vector on {@code mean}, then normalises each block to length 1 and scales it by its weight.
     * The result is not normalised as a whole (the index does that).
     */
    float[] centred(float[] rooted, float[] mean) {
        float[] out = new float[rooted.length];
        int start = 0;
        for (int b = 0; b < sizes.length; b++) {
            int end = start + sizes[b];
            double sum = 0;
            for (int i = start; i < end; i++) {
                float x = rooted[i] - mean[i];
                out[i] = x;
                sum += (double) x * x;
            }
            float scale = sum > 0 ? (float) (weights[b] / Math.sqrt(sum)) : 0f;
            for (int i = start; i < end; i++) {
                out[i] *= scale;
            }
            start = end;
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FeatureLayout other && Arrays.equals(sizes, other.sizes)
                && Arrays.equals(weights, other.weights);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(sizes) + Arrays.hashCode(weights);
    }

    @Override
    public String toString() {
        return "FeatureLayout" + Arrays.toString(sizes) + Arrays.toString(weights);
    }
}
