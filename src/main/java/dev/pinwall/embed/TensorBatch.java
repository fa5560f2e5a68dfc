package dev.pinwall.embed;

/** A preprocessed batch as one flat NCHW float array, turned into a single NDArray per inference call. */
record TensorBatch(float[] data, int count, int channels, int height, int width) {
}
