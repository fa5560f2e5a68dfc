package dev.pinwall.similarity;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Collection-scale vectors for benchmarks, derived from the real MobileNetV2 vectors of a folder in a store. */
public final class BenchVectors {
    private BenchVectors() {
    }

    /** {@code rows} vectors, each a mix of two real ones (up to 15 % of the second) plus a little noise. */
    public static List<float[]> derived(Path store, Path images, int rows) throws Exception {
        List<float[]> real = SimilarityBench.vectors(store, images, "../shared/models/mobilenet_v2_imagenet.pt");
        int d = real.get(0).length;
        Random random = new Random(17);
        List<float[]> out = new ArrayList<>(rows);
        for (int r = 0; r < rows; r++) {
            float[] a = real.get(random.nextInt(real.size()));
            float[] b = real.get(random.nextInt(real.size()));
            float mix = 0.15f * random.nextFloat();
            float[] v = new float[d];
            for (int i = 0; i < d; i++) {
                v[i] = Math.max(0, (1 - mix) * a[i] + mix * b[i] + (float) random.nextGaussian() * 0.002f);
            }
            out.add(v);
        }
        return out;
    }
}
