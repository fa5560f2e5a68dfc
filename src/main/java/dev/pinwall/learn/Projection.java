package dev.pinwall.learn;

import dev.pinwall.embed.EmbedderInfo;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;

/**
 * A linear map learned from labelled photos, in which photos with the same label lie close together. It takes
 * one model's unit-length vectors (so it is tied to that model's {@linkplain EmbedderInfo#storeKey() store key})
 * and gives unit-length vectors of {@link #outputDimension()} values that any cosine search can use:
 * <ol>
 *   <li>optionally the signed square root of each value, then L2 normalisation (tames bursty activations);</li>
 *   <li>minus the mean of the training photos;</li>
 *   <li>times the learned matrix, then L2 normalisation;</li>
 *   <li>optionally followed by the prepared input itself at a small weight ({@link #keepOriginal()}), so that the
 *       original similarity still orders photos the labels do not tell apart.</li>
 * </ol>
 * Saved as a small versioned binary file ({@link #save}, {@link #load}).
 */
public final class Projection {
    private static final byte[] MAGIC = "PINWALL-PROJECTION".getBytes(StandardCharsets.US_ASCII);
    private static final int FORMAT_VERSION = 1;

    private final String storeKey;
    private final String modelName;
    private final String labelColumn;
    private final String method;
    private final int trainedOn;
    private final int classes;
    private final boolean signedSqrt;
    private final float keepOriginal;
    private final float[] mean;
    private final float[] weights;
    private final int learnedDimension;
    private final int outputDimension;

    /**
     * @param storeKey    the model's {@link EmbedderInfo#storeKey()}; vectors of any other model are refused
     * @param modelName   the model's display name, for messages
     * @param labelColumn what the labels were (e.g. {@code articleType}), for messages
     * @param method      how it was learned (e.g. {@code supcon}), for messages
     * @param trainedOn   how many labelled photos it was learned from
     * @param classes     how many distinct labels they had
     * @param signedSqrt  whether inputs get the signed square root first
     * @param keepOriginal 0 to 1: the share of the (prepared) original similarity kept beside the learned one, so that
     *                     what the labels do not say (e.g. colour among photos of one type) still orders neighbours;
     *                     the output then is {@code [√(1-w) · learned, √w · original]}, whose cosine is the mix
     * @param mean        mean of the (square-rooted, normalised) training inputs; its length is the input dimension
     * @param weights     the learned matrix, row-major, rows of {@code mean.length} values
     */
    public Projection(String storeKey, String modelName, String labelColumn, String method, int trainedOn, int classes,
                      boolean signedSqrt, float keepOriginal, float[] mean, float[] weights) {
        if (mean.length == 0 || weights.length == 0 || weights.length % mean.length != 0) {
            throw new IllegalArgumentException(weights.length + " weights do not make rows of " + mean.length);
        }
        if (!(keepOriginal >= 0 && keepOriginal <= 1)) {
            throw new IllegalArgumentException("keepOriginal must be within 0..1: " + keepOriginal);
        }
        this.storeKey = storeKey;
        this.modelName = modelName;
        this.labelColumn = labelColumn;
        this.method = method;
        this.trainedOn = trainedOn;
        this.classes = classes;
        this.signedSqrt = signedSqrt;
        this.keepOriginal = keepOriginal;
        this.mean = mean.clone();
        this.weights = weights.clone();
        this.learnedDimension = weights.length / mean.length;
        this.outputDimension = learnedDimension + (keepOriginal > 0 ? mean.length : 0);
    }

    public String storeKey() {
        return storeKey;
    }

    public String modelName() {
        return modelName;
    }

    public String labelColumn() {
        return labelColumn;
    }

    public String method() {
        return method;
    }

    public int trainedOn() {
        return trainedOn;
    }

    public int classes() {
        return classes;
    }

    public boolean signedSqrt() {
        return signedSqrt;
    }

    /** The share of the original similarity kept beside the learned one (0: none). */
    public float keepOriginal() {
        return keepOriginal;
    }

    /** The same learned map with another share of the original similarity kept. */
    public Projection withKeepOriginal(float share) {
        return new Projection(storeKey, modelName, labelColumn, method, trainedOn, classes, signedSqrt, share, mean,
                weights);
    }

    public int inputDimension() {
        return mean.length;
    }

    public int outputDimension() {
        return outputDimension;
    }

    /** One line for logs and the command line. */
    public String summary() {
        return String.format(java.util.Locale.ROOT,
                "%s projection %d→%d for %s, learned from %d photos (%d %s labels), keeping %.2f of the original similarity",
                method, inputDimension(), learnedDimension, modelName, trainedOn, classes, labelColumn, keepOriginal);
    }

    /**
     * Refuses a model other than the one this projection was learned for.
     *
     * @throws IllegalArgumentException naming both models and what to do
     */
    public void requireModel(EmbedderInfo info) {
        if (!storeKey.equals(info.storeKey()) || info.dimension() != inputDimension()) {
            throw new IllegalArgumentException("the projection was learned for " + modelName + " (" + storeKey + ", "
                    + inputDimension() + "-d) but the model in use is " + info.displayName() + " (" + info.storeKey()
                    + ", " + info.dimension() + "-d): learn one for this model with 'pinwall learn --model ...', "
                    + "or pick the model the projection was learned for");
        }
    }

    /** The projected, unit-length vector of a model vector. */
    public float[] apply(float[] vector) {
        float[] x = prepare(vector, signedSqrt, mean);
        int d = x.length;
        float[] out = new float[outputDimension];
        double norm = 0;
        for (int o = 0; o < learnedDimension; o++) {
            float s = 0;
            int offset = o * d;
            for (int j = 0; j < d; j++) {
                s += weights[offset + j] * x[j];
            }
            out[o] = s;
            norm += (double) s * s;
        }
        if (norm > 0) {
            float inv = (float) (Math.sqrt(1 - keepOriginal) / Math.sqrt(norm));
            for (int o = 0; o < learnedDimension; o++) {
                out[o] *= inv;
            }
        }
        if (keepOriginal > 0) {
            double original = 0;
            for (float v : x) {
                original += (double) v * v;
            }
            if (original > 0) {
                float inv = (float) (Math.sqrt(keepOriginal) / Math.sqrt(original));
                for (int j = 0; j < d; j++) {
                    out[learnedDimension + j] = x[j] * inv;
                }
            }
        }
        return out;
    }

    /** Input preparation shared with the trainer: signed square root and L2 (optional), then minus the mean. */
    static float[] prepare(float[] vector, boolean signedSqrt, float[] mean) {
        if (vector.length != mean.length) {
            throw new IllegalArgumentException("vector has " + vector.length + " values, projection takes " + mean.length);
        }
        float[] x = signedSqrt ? signedSqrt(vector) : vector.clone();
        for (int j = 0; j < x.length; j++) {
            x[j] -= mean[j];
        }
        return x;
    }

    /** Signed square root of each value, then L2 normalisation. */
    static float[] signedSqrt(float[] vector) {
        float[] x = new float[vector.length];
        double norm = 0;
        for (int j = 0; j < x.length; j++) {
            x[j] = (float) Math.copySign(Math.sqrt(Math.abs(vector[j])), vector[j]);
            norm += (double) x[j] * x[j];
        }
        if (norm > 0) {
            float inv = (float) (1 / Math.sqrt(norm));
            for (int j = 0; j < x.length; j++) {
                x[j] *= inv;
            }
        }
        return x;
    }

    float[] weights() {
        return weights.clone();
    }

    /**
     * A short digest of everything that changes what {@link #apply} returns (model, settings, mean and weights): two
     * projections with the same fingerprint project alike, so state fitted on projected vectors can be keyed by it.
     */
    public String fingerprint() {
        try {
            java.security.MessageDigest digest = java.security.MessageDigest.getInstance("SHA-256");
            java.nio.ByteBuffer header = java.nio.ByteBuffer.allocate(13);
            header.put((byte) (signedSqrt ? 1 : 0)).putFloat(keepOriginal).putInt(mean.length).putInt(learnedDimension);
            digest.update(storeKey.getBytes(StandardCharsets.UTF_8));
            digest.update(header.array());
            java.nio.ByteBuffer values = java.nio.ByteBuffer.allocate(4 * (mean.length + weights.length));
            values.asFloatBuffer().put(mean).put(weights);
            digest.update(values.array());
            return java.util.HexFormat.of().formatHex(digest.digest(), 0, 8);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    float[] mean() {
        return mean.clone();
    }

    /** Writes the projection (atomically: a half-written file never replaces a good one). */
    public void save(Path file) throws IOException {
        Path absolute = file.toAbsolutePath();
        if (absolute.getParent() != null) {
            Files.createDirectories(absolute.getParent());
        }
        Path temp = Files.createTempFile(absolute.getParent(), absolute.getFileName().toString(), ".tmp");
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(temp)))) {
            out.write(MAGIC);
            out.writeInt(FORMAT_VERSION);
            out.writeUTF(storeKey);
            out.writeUTF(modelName);
            out.writeUTF(labelColumn);
            out.writeUTF(method);
            out.writeInt(trainedOn);
            out.writeInt(classes);
            out.writeBoolean(signedSqrt);
            out.writeFloat(keepOriginal);
            out.writeInt(mean.length);
            out.writeInt(learnedDimension);
            for (float v : mean) {
                out.writeFloat(v);
            }
            for (float v : weights) {
                out.writeFloat(v);
            }
        } catch (IOException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
        Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * Reads a projection written by {@link #save}.
     *
     * @throws IOException when the file is missing, is not a projection, is of a newer format, or is cut short
     */
    public static Projection load(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("projection file not found: " + file);
        }
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            byte[] magic = new byte[MAGIC.length];
            in.readFully(magic);
            if (!Arrays.equals(magic, MAGIC)) {
                throw new IOException(file + " is not a Pinwall projection (write one with 'pinwall learn')");
            }
            int version = in.readInt();
            if (version != FORMAT_VERSION) {
                throw new IOException(file + " is a projection of format " + version + "; this Pinwall reads format "
                        + FORMAT_VERSION);
            }
            String storeKey = in.readUTF();
            String modelName = in.readUTF();
            String labelColumn = in.readUTF();
            String method = in.readUTF();
            int trainedOn = in.readInt();
            int classes = in.readInt();
            boolean signedSqrt = in.readBoolean();
            float keepOriginal = in.readFloat();
            int inputDimension = in.readInt();
            int outputDimension = in.readInt();
            if (inputDimension <= 0 || outputDimension <= 0 || (long) inputDimension * outputDimension > 64_000_000L) {
                throw new IOException(file + " is damaged: " + inputDimension + "x" + outputDimension + " matrix");
            }
            float[] mean = new float[inputDimension];
            for (int j = 0; j < mean.length; j++) {
                mean[j] = in.readFloat();
            }
            float[] weights = new float[inputDimension * outputDimension];
            for (int j = 0; j < weights.length; j++) {
                weights[j] = in.readFloat();
            }
            if (in.read() != -1) {
                throw new IOException(file + " is damaged: data after the end of the projection");
            }
            return new Projection(storeKey, modelName, labelColumn, method, trainedOn, classes, signedSqrt, keepOriginal,
                    mean, weights);
        } catch (EOFException e) {
            throw new IOException(file + " is cut short: not a complete projection", e);
        }
    }
}
