package dev.pinwall.embed;

/**
 * Identity of an embedder.
 *
 * @param id                   stable identifier, e.g. {@code mobilenet_v2_imagenet} or {@code builtin-colour-texture}
 * @param displayName          what the UI shows
 * @param dimension            length of the vectors it produces
 * @param preprocessingVersion bumped whenever decoding or preprocessing changes, so old vectors are not reused
 */
public record EmbedderInfo(String id, String displayName, int dimension, int preprocessingVersion) {

    /** The key under which this embedder's vectors are stored: model id plus preprocessing version. */
    public String storeKey() {
        return id + "@p" + preprocessingVersion;
    }
}
