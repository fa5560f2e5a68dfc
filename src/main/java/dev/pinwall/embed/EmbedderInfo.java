package dev.pinwall.embed;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Identity of an embedder.
 *
 * @param id                   stable identifier, e.g. {@code mobilenet_v2_imagenet} or {@code builtin-colour-texture}
 * @param displayName          what the UI shows
 * @param dimension            length of the vectors it produces
 * @param preprocessingVersion bumped whenever decoding or preprocessing changes, so old vectors are not reused
 * @param preprocessing        the settings that change its vectors beyond the id (input size, resize, mean, std,
 *                             output index), as text; empty for an embedder's standard settings
 */
public record EmbedderInfo(String id, String displayName, int dimension, int preprocessingVersion,
                           String preprocessing) {

    public EmbedderInfo {
        preprocessing = preprocessing == null ? "" : preprocessing;
    }

    /** An embedder with its standard preprocessing. */
    public EmbedderInfo(String id, String displayName, int dimension, int preprocessingVersion) {
        this(id, displayName, dimension, preprocessingVersion, "");
    }

    /**
     * The key under which this embedder's vectors are stored: model id plus preprocessing version, plus a short
     * digest of the preprocessing settings when they are not the standard ones, so that two descriptors of one
     * model that preprocess differently never share vectors.
     */
    public String storeKey() {
        String key = id + "@p" + preprocessingVersion;
        return preprocessing.isEmpty() ? key : key + "~" + digest(preprocessing);
    }

    private static String digest(String text) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
