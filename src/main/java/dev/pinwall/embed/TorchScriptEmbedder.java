package dev.pinwall.embed;

import ai.djl.MalformedModelException;
import ai.djl.engine.EngineException;
import ai.djl.inference.Predictor;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ModelNotFoundException;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.TranslateException;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * A backbone in a model file run through DJL: a TorchScript {@code .pt} on the PyTorch engine (libtorch) or an
 * {@code .onnx} on the OnnxRuntime engine, chosen by {@link ModelDescriptor#engine()}. Both engines sit on the
 * class path; every load names its engine, so neither depends on DJL's default. Each {@link Session} owns one
 * {@link Predictor}, whose per-call NDManager frees a batch's native memory as soon as the batch is done.
 */
public final class TorchScriptEmbedder implements Embedder {
    /** Bumped when decoding or the resize/scaling code changes, so stored vectors are recomputed. */
    public static final int PREPROCESSING_VERSION = 1;

    /** Sets libtorch's thread counts before the engine starts, unless the user chose them. */
    static void ensureThreadDefaults() {
        // Two engines are on the class path; code that asks DJL for "the" engine gets libtorch, as before.
        if (System.getProperty("ai.djl.default_engine") == null && System.getenv("DJL_DEFAULT_ENGINE") == null) {
            System.setProperty("ai.djl.default_engine", ModelDescriptor.PYTORCH);
        }
        // Measured on 2 cores: one intra-op thread per worker beats libtorch's default of two by 2-10x,
        // because two inference workers then do not oversubscribe the cores. Users may still override.
        if (System.getProperty("ai.djl.pytorch.num_threads") == null) {
            System.setProperty("ai.djl.pytorch.num_threads", "1");
        }
        if (System.getProperty("ai.djl.pytorch.num_interop_threads") == null) {
            System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        }
    }

    private final ZooModel<TensorBatch, float[][]> model;
    private final ModelDescriptor descriptor;
    private final Preprocessor preprocessor;
    private final EmbedderInfo info;
    /** The most images one engine call gets (libtorch: the whole batch). */
    private final int callSize;

    private TorchScriptEmbedder(ZooModel<TensorBatch, float[][]> model, ModelDescriptor descriptor, int dimension) {
        this.model = model;
        this.descriptor = descriptor;
        this.callSize = ModelDescriptor.ONNX_RUNTIME.equals(descriptor.engine()) ? onnxCallSize() : Integer.MAX_VALUE;
        this.preprocessor = new Preprocessor(descriptor);
        this.info = new EmbedderInfo(descriptor.id(), descriptor.displayName(), dimension,
                PREPROCESSING_VERSION * 1000 + descriptor.preprocessingVersion(), descriptor.preprocessingSignature());
    }

    /**
     * Loads a {@code .pt} file (using the descriptor beside it, if any) or a descriptor {@code .json} that
     * names its model file.
     */
    public static TorchScriptEmbedder load(Path modelOrDescriptor) throws EmbedException {
        if (!Files.exists(modelOrDescriptor)) {
            throw new EmbedException("model file not found: " + modelOrDescriptor);
        }
        String name = modelOrDescriptor.getFileName().toString().toLowerCase(Locale.ROOT);
        ModelDescriptor d = name.endsWith(".json")
                ? ModelDescriptor.read(modelOrDescriptor) : ModelDescriptor.forModelFile(modelOrDescriptor);
        return load(d);
    }

    /**
     * Images per ONNX Runtime call: 1, measured fastest on 2 cores (150 images/s on ready tensors against 105 at
     * batch 16; libtorch is the other way round). A pipeline batch is split into calls of this size, so stores
     * still write whole batches. {@code pinwall.onnx.batch} overrides.
     */
    static int onnxCallSize() {
        return Math.max(1, Integer.getInteger("pinwall.onnx.batch", 1));
    }

    /** ONNX Runtime threads per session (one per worker, like libtorch's); {@code pinwall.onnx.threads} overrides. */
    static String onnxThreads() {
        return System.getProperty("pinwall.onnx.threads", "1");
    }

    /** Loads the model a descriptor names, on its engine, and checks it with one probe run. */
    public static TorchScriptEmbedder load(ModelDescriptor d) throws EmbedException {
        ensureThreadDefaults();
        Path file = d.modelFile();
        if (!Files.isRegularFile(file)) {
            throw new EmbedException("model file not found: " + file);
        }
        if (!Files.isReadable(file)) {
            throw new EmbedException("cannot read model file " + file.getFileName() + ": permission denied");
        }
        String engine = d.engine();
        boolean onnx = ModelDescriptor.ONNX_RUNTIME.equals(engine);
        Criteria.Builder<TensorBatch, float[][]> builder = Criteria.builder()
                .setTypes(TensorBatch.class, float[][].class)
                // The folder and the file's name, not the file itself: DJL warns "Simple repository pointing to a
                // non-archive file" on every load of a bare file path.
                .optModelPath(file.toAbsolutePath().getParent())
                .optModelName(onnx ? ModelDescriptor.stem(file) : file.getFileName().toString())
                .optEngine(engine)
                .optTranslator(new BatchTranslator(d.outputIndex()));
        if (onnx) {
            // One intra-op thread per session: the pipeline runs one session per core (measured best on 2 cores,
            // as with libtorch); ONNX Runtime's default would start a thread per core in every session.
            builder.optOption("intraOpNumThreads", onnxThreads()).optOption("interOpNumThreads", "1");
        }
        Criteria<TensorBatch, float[][]> criteria = builder.build();
        String kind = onnx ? "an ONNX" : "a TorchScript";
        ZooModel<TensorBatch, float[][]> model;
        try {
            model = criteria.loadModel();
        } catch (MalformedModelException | ModelNotFoundException e) {
            throw new EmbedException("not " + kind + " model: " + file.getFileName() + " (" + rootMessage(e) + ")", e);
        } catch (IOException e) {
            throw new EmbedException("cannot read model file " + file.getFileName() + ": " + rootMessage(e), e);
        } catch (EngineException | UnsatisfiedLinkError e) {
            if (engineStarts(engine)) {
                throw new EmbedException("not " + kind + " model: " + file.getFileName() + " (" + rootMessage(e) + ")", e);
            }
            throw new EmbedException("the " + engine + " engine could not start: " + rootMessage(e), e);
        } catch (RuntimeException e) {
            throw new EmbedException("model " + file.getFileName() + " could not be loaded: " + rootMessage(e), e);
        }
        return fromModel(model, d);
    }

    /** Wraps a loaded model, probing it once for its output size. Closes the model if the probe fails. */
    static TorchScriptEmbedder fromModel(ZooModel<TensorBatch, float[][]> model, ModelDescriptor d)
            throws EmbedException {
        try (Predictor<TensorBatch, float[][]> probe = model.newPredictor()) {
            BufferedImage blank = new BufferedImage(d.inputWidth(), d.inputHeight(), BufferedImage.TYPE_INT_RGB);
            float[][] out = probe.predict(new Preprocessor(d).batch(List.of(blank)));
            return new TorchScriptEmbedder(model, d, checkProbe(out, d));
        } catch (TranslateException | RuntimeException e) {
            model.close();
            throw new EmbedException("model " + d.id() + " failed on a " + d.inputWidth() + "x" + d.inputHeight()
                    + " test image: " + rootMessage(e), e);
        } catch (EmbedException e) {
            model.close();
            throw e;
        }
    }

    /** The output length a probe run shows, or why the model cannot be used: no output, wrong length, NaN. */
    static int checkProbe(float[][] out, ModelDescriptor d) throws EmbedException {
        int dimension = out.length == 1 ? out[0].length : 0;
        if (dimension == 0) {
            throw new EmbedException("model " + d.id() + " returned no features for a test image");
        }
        if (d.dimension() > 0 && d.dimension() != dimension) {
            throw new EmbedException("model " + d.id() + " returns " + dimension
                    + " values per image; its descriptor says " + d.dimension());
        }
        if (!EmbeddingPipeline.isFinite(out[0])) {
            throw new EmbedException("model " + d.id() + " returned values that are not finite numbers (NaN or "
                    + "infinity) for a test image; its weights or its descriptor's mean/std are broken");
        }
        return dimension;
    }

    public ModelDescriptor descriptor() {
        return descriptor;
    }

    @Override
    public EmbedderInfo info() {
        return info;
    }

    @Override
    public Session newSession() {
        return new TorchSession(model.newPredictor());
    }

    /** A bare predictor on ready tensors, for measuring the engine without decoding or preprocessing. */
    Predictor<TensorBatch, float[][]> newPredictor() {
        return model.newPredictor();
    }

    /** The tensors this embedder's sessions would feed the engine for these images, one per engine call. */
    List<TensorBatch> tensors(List<BufferedImage> images) {
        List<TensorBatch> calls = new java.util.ArrayList<>();
        for (int from = 0; from < images.size(); from += callSize) {
            calls.add(preprocessor.batch(images.subList(from, Math.min(images.size(), from + callSize))));
        }
        return calls;
    }

    @Override
    public void close() {
        model.close();
    }

    private static boolean engineStarts(String engine) {
        try {
            return ai.djl.engine.Engine.getEngine(engine) != null;
        } catch (RuntimeException | UnsatisfiedLinkError e) {
            return false;
        }
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        String firstLine = message.lines().findFirst().orElse(message).strip();
        return firstLine.length() > 200 ? firstLine.substring(0, 200) + "…" : firstLine;
    }

    private final class TorchSession implements Session {
        private final Predictor<TensorBatch, float[][]> predictor;

        TorchSession(Predictor<TensorBatch, float[][]> predictor) {
            this.predictor = predictor;
        }

        @Override
        public float[][] embed(List<BufferedImage> images) throws EmbedException {
            if (images.isEmpty()) {
                return new float[0][];
            }
            try {
                if (images.size() <= callSize) {
                    return predictor.predict(preprocessor.batch(images));
                }
                float[][] out = new float[images.size()][];
                int i = 0;
                for (TensorBatch call : tensors(images)) {
                    for (float[] row : predictor.predict(call)) {
                        out[i++] = row;
                    }
                }
                return out;
            } catch (TranslateException | RuntimeException e) {
                throw new EmbedException("inference failed: " + rootMessage(e), e);
            }
        }

        @Override
        public void close() {
            predictor.close();
        }
    }
}
