package dev.pinwall.embed;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.NoBatchifyTranslator;
import ai.djl.translate.TranslatorContext;

import java.nio.FloatBuffer;

/**
 * Feeds a ready NCHW batch to the model and returns one feature row per image. Arrays live in the
 * predictor's per-call manager, so native memory is released after every batch.
 */
final class BatchTranslator implements NoBatchifyTranslator<TensorBatch, float[][]> {
    private final int outputIndex;

    BatchTranslator(int outputIndex) {
        this.outputIndex = outputIndex;
    }

    @Override
    public NDList processInput(TranslatorContext ctx, TensorBatch batch) {
        Shape shape = new Shape(batch.count(), batch.channels(), batch.height(), batch.width());
        return new NDList(ctx.getNDManager().create(FloatBuffer.wrap(batch.data()), shape));
    }

    @Override
    public float[][] processOutput(TranslatorContext ctx, NDList list) {
        if (outputIndex >= list.size()) {
            throw new IllegalStateException("model returned " + list.size() + " outputs; descriptor asks for output "
                    + outputIndex);
        }
        NDArray out = list.get(outputIndex);
        int n = (int) out.getShape().get(0);
        // ONNX Runtime's arrays cannot convert types; the shared models already return float32.
        float[] flat = (out.getDataType() == ai.djl.ndarray.types.DataType.FLOAT32
                ? out : out.toType(ai.djl.ndarray.types.DataType.FLOAT32, false)).toFloatArray();
        int dim = flat.length / Math.max(1, n);
        float[][] rows = new float[n][];
        for (int i = 0; i < n; i++) {
            rows[i] = new float[dim];
            System.arraycopy(flat, i * dim, rows[i], 0, dim);
        }
        return rows;
    }
}
