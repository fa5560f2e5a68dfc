package dev.pinwall.embed;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * How to run a backbone in a model file (TorchScript {@code .pt} or ONNX {@code .onnx}): its file, input size,
 * resize mode, normalisation and output.
 * Read from a JSON file beside the model, for example {@code inception_v3.json}:
 * <pre>{@code
 * { "name": "Inception v3", "model": "inception_v3.pt", "inputWidth": 299, "inputHeight": 299,
 *   "resize": "squash", "mean": [0.485, 0.456, 0.406], "std": [0.229, 0.224, 0.225],
 *   "dimension": 2048, "outputIndex": 0 }
 * }</pre>
 * Everything but the model file is optional; the defaults are the shared models' contract: RGB scaled to
 * [0,1], a plain 224x224 resize, no mean/std, output dimension found by a probe run, first output of a tuple.
 *
 * @param id                   stable id (defaults to the model file name without {@code .pt})
 * @param displayName          what users see
 * @param modelFile            the TorchScript or ONNX file; its extension picks the engine
 * @param inputWidth           model input width
 * @param inputHeight          model input height
 * @param resize               how images are fitted to the input
 * @param mean                 per-channel mean subtracted after scaling to [0,1], or null
 * @param std                  per-channel divisor after the mean, or null
 * @param dimension            expected output length, or 0 to take it from a probe run
 * @param outputIndex          which element of a tuple output holds the features
 * @param preprocessingVersion bumped by whoever edits the descriptor in a way that changes vectors
 */
public record ModelDescriptor(String id, String displayName, Path modelFile, int inputWidth, int inputHeight,
                              ResizeMode resize, float[] mean, float[] std, int dimension, int outputIndex,
                              int preprocessingVersion) {

    /** How an image of any shape becomes the model's input size. */
    public enum ResizeMode {
        /** Plain resize to the input size, aspect ratio squashed (the shared models' reference method). */
        SQUASH,
        /** Scale so the input is covered, then cut the centre. */
        CENTER_CROP
    }

    /** Smallest and largest model input side accepted: beyond these a descriptor is a typo or hostile. */
    public static final int MIN_INPUT_SIDE = 16;
    public static final int MAX_INPUT_SIDE = 1024;
    /** Largest output length and tuple index accepted. */
    public static final int MAX_DIMENSION = 65_536;
    public static final int MAX_OUTPUT_INDEX = 64;
    /** Smallest std accepted. */
    public static final float MIN_STD = 1e-6f;

    /**
     * Checks every field; the message of the {@link IllegalArgumentException} names the offending field, so that
     * {@link #read} can say which file and which field is wrong.
     */
    public ModelDescriptor {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("id is empty");
        }
        if (resize == null) {
            throw new IllegalArgumentException("resize is missing (use squash or center_crop)");
        }
        checkSide("inputWidth", inputWidth);
        checkSide("inputHeight", inputHeight);
        checkChannels("mean", mean, false);
        checkChannels("std", std, true);
        if (dimension < 0 || dimension > MAX_DIMENSION) {
            throw new IllegalArgumentException("dimension " + dimension + " is out of range (0 to " + MAX_DIMENSION
                    + "; 0 = take it from a probe run)");
        }
        if (outputIndex < 0 || outputIndex > MAX_OUTPUT_INDEX) {
            throw new IllegalArgumentException("outputIndex " + outputIndex + " is out of range (0 to "
                    + MAX_OUTPUT_INDEX + ")");
        }
        if (preprocessingVersion < 0) {
            throw new IllegalArgumentException("preprocessingVersion " + preprocessingVersion + " is negative");
        }
        mean = mean == null ? null : mean.clone();
        std = std == null ? null : std.clone();
    }

    private static void checkSide(String field, int side) {
        if (side < MIN_INPUT_SIDE || side > MAX_INPUT_SIDE) {
            throw new IllegalArgumentException(field + " " + side + " is out of range (" + MIN_INPUT_SIDE + " to "
                    + MAX_INPUT_SIDE + " pixels)");
        }
    }

    private static void checkChannels(String field, float[] values, boolean positive) {
        if (values == null) {
            return;
        }
        if (values.length != 3) {
            throw new IllegalArgumentException(field + " needs three values (R, G, B), not " + values.length);
        }
        for (float v : values) {
            if (!Float.isFinite(v)) {
                throw new IllegalArgumentException(field + " holds a value that is not a finite number (" + v + ")");
            }
            if (positive && v < MIN_STD) {
                // 0 divides by zero (NaN vectors); a near-zero std overflows the model's input to infinity.
                throw new IllegalArgumentException(field + " values must be at least " + MIN_STD + ", found " + v);
            }
            if (Math.abs(v) > 1000f) {
                throw new IllegalArgumentException(field + " value " + v + " is out of range (-1000 to 1000)");
            }
        }
    }

    /**
     * What of this descriptor changes the vectors a model produces, as text: two descriptors with different
     * preprocessing must never share stored vectors. Empty for the shared models' contract, so the bare
     * {@code .pt} keeps its store key.
     */
    public String preprocessingSignature() {
        if (inputWidth == 224 && inputHeight == 224 && resize == ResizeMode.SQUASH && mean == null && std == null
                && outputIndex == 0) {
            return "";
        }
        return inputWidth + "x" + inputHeight + "," + resize.name().toLowerCase(Locale.ROOT)
                + ",mean=" + java.util.Arrays.toString(mean) + ",std=" + java.util.Arrays.toString(std)
                + ",out=" + outputIndex;
    }

    /** DJL's name for libtorch, which runs {@code .pt} files. */
    public static final String PYTORCH = "PyTorch";
    /** DJL's name for ONNX Runtime, which runs {@code .onnx} files. */
    public static final String ONNX_RUNTIME = "OnnxRuntime";

    /** The DJL engine that runs this model file: ONNX Runtime for {@code .onnx}, libtorch otherwise. */
    public String engine() {
        return isOnnx(modelFile) ? ONNX_RUNTIME : PYTORCH;
    }

    /** The same network in another file (the {@code .onnx} twin of a {@code .pt}, or back). */
    public ModelDescriptor withModelFile(Path file) {
        return new ModelDescriptor(id, displayName, file, inputWidth, inputHeight, resize, mean, std, dimension,
                outputIndex, preprocessingVersion);
    }

    static boolean isOnnx(Path file) {
        return file.getFileName() != null && file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".onnx");
    }

    /** The shared models' contract for a bare {@code .pt} or {@code .onnx} file. */
    public static ModelDescriptor defaultsFor(Path modelFile) {
        String stem = stem(modelFile);
        return new ModelDescriptor(stem, displayName(stem), modelFile, 224, 224, ResizeMode.SQUASH,
                null, null, 0, 0, 1);
    }

    /**
     * The descriptor beside a model ({@code x.json} next to {@code x.pt} or {@code x.onnx}), applied to this very
     * file, or the defaults when there is none.
     */
    public static ModelDescriptor forModelFile(Path modelFile) throws EmbedException {
        Path sibling = modelFile.resolveSibling(stem(modelFile) + ".json");
        return Files.isRegularFile(sibling)
                ? read(sibling).withModelFile(modelFile.toAbsolutePath().normalize()) : defaultsFor(modelFile);
    }

    /** Reads a descriptor file; its {@code model} entry is resolved against the descriptor's folder. */
    public static ModelDescriptor read(Path json) throws EmbedException {
        JsonObject o;
        try {
            JsonElement parsed = JsonParser.parseString(Files.readString(json));
            if (!parsed.isJsonObject()) {
                throw new EmbedException("model descriptor " + json.getFileName() + " is not a JSON object");
            }
            o = parsed.getAsJsonObject();
        } catch (IOException e) {
            throw new EmbedException("cannot read model descriptor " + json.getFileName() + ": " + e.getMessage(), e);
        } catch (JsonParseException | StackOverflowError e) {
            // Deeply nested arrays overflow the parser's recursion: not a descriptor either.
            throw new EmbedException("model descriptor " + json.getFileName() + " is not valid JSON", e);
        }
        String stem = stem(json);
        try {
            String model = string(o, "model", stem + ".pt");
            Path modelFile = json.toAbsolutePath().resolveSibling(model).normalize();
            String id = string(o, "id", stem(modelFile));
            int size = integer(o, "inputSize", 224);
            if (o.has("inputSize")) {
                checkSide("inputSize", size); // named as written, when inputWidth/inputHeight are not given
            }
            int width = integer(o, "inputWidth", size);
            int height = integer(o, "inputHeight", o.has("inputSize") ? size : width);
            ResizeMode resize = switch (string(o, "resize", "squash").toLowerCase(Locale.ROOT).replace('-', '_')) {
                case "squash", "plain", "stretch" -> ResizeMode.SQUASH;
                case "center_crop", "centre_crop", "crop" -> ResizeMode.CENTER_CROP;
                default -> throw new EmbedException("model descriptor " + json.getFileName()
                        + ": unknown resize mode '" + string(o, "resize", "") + "' (use squash or center_crop)");
            };
            return new ModelDescriptor(id, string(o, "name", displayName(id)), modelFile, width, height, resize,
                    floats(o, "mean"), floats(o, "std"), integer(o, "dimension", 0), integer(o, "outputIndex", 0),
                    integer(o, "preprocessingVersion", 1));
        } catch (IllegalArgumentException | IllegalStateException | UnsupportedOperationException
                 | ClassCastException e) {
            throw new EmbedException("model descriptor " + json.getFileName() + " is invalid: " + e.getMessage(), e);
        }
    }

    /** True if a JSON file looks like a model descriptor (names a model or sits beside one). */
    static boolean looksLikeDescriptor(Path json) {
        if (Files.isRegularFile(json.resolveSibling(stem(json) + ".pt"))
                || Files.isRegularFile(json.resolveSibling(stem(json) + ".onnx"))) {
            return true;
        }
        try {
            JsonElement parsed = JsonParser.parseString(Files.readString(json));
            return parsed.isJsonObject() && parsed.getAsJsonObject().has("model");
        } catch (IOException | JsonParseException e) {
            return false;
        }
    }

    static String stem(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    static String displayName(String id) {
        return id.replace('_', ' ');
    }

    private static String string(JsonObject o, String key, String fallback) {
        if (!o.has(key) || o.get(key).isJsonNull()) {
            return fallback;
        }
        if (!o.get(key).isJsonPrimitive()) {
            throw new IllegalArgumentException(key + " must be a string");
        }
        return o.get(key).getAsString();
    }

    /** A whole number; Gson's getAsInt would silently truncate 224.7 or wrap 4294967520 to 224. */
    private static int integer(JsonObject o, String key, int fallback) {
        if (!o.has(key) || o.get(key).isJsonNull()) {
            return fallback;
        }
        JsonElement e = o.get(key);
        if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isNumber()) {
            throw new IllegalArgumentException(key + " must be a whole number, not " + abbreviate(e));
        }
        try {
            return e.getAsBigDecimal().intValueExact();
        } catch (ArithmeticException | NumberFormatException notWhole) {
            throw new IllegalArgumentException(key + " must be a whole number, not " + abbreviate(e));
        }
    }

    private static float[] floats(JsonObject o, String key) {
        if (!o.has(key) || o.get(key).isJsonNull()) {
            return null;
        }
        if (!o.get(key).isJsonArray()) {
            throw new IllegalArgumentException(key + " must be a list of three numbers");
        }
        var array = o.getAsJsonArray(key);
        if (array.size() != 3) {
            throw new IllegalArgumentException(key + " needs three values (R, G, B), not " + array.size());
        }
        float[] out = new float[3];
        for (int i = 0; i < out.length; i++) {
            JsonElement e = array.get(i);
            if (!e.isJsonPrimitive()) {
                throw new IllegalArgumentException(key + " holds something that is not a number: " + abbreviate(e));
            }
            try {
                out[i] = e.getAsFloat(); // "NaN" and 1e99 are caught by the range check
            } catch (NumberFormatException notNumber) {
                throw new IllegalArgumentException(key + " holds something that is not a number: " + abbreviate(e));
            }
        }
        return out;
    }

    private static String abbreviate(JsonElement e) {
        String text = e.toString();
        return text.length() > 40 ? text.substring(0, 40) + "…" : text;
    }
}
