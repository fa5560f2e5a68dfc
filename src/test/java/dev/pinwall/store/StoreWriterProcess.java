package dev.pinwall.store;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;

/**
 * Test helper run in a separate JVM: writes batches of vectors to a store forever, printing {@code committed N} after
 * batch N is committed, until it is killed. Batch N holds hashes {@code bN-0 .. bN-(size-1)}.
 */
public final class StoreWriterProcess {

    static final String STORE_KEY = "crash-test@p1";
    static final int BATCH = 64;
    static final int DIMENSION = 256;

    private StoreWriterProcess() {
    }

    public static void main(String[] args) throws Exception {
        Path db = Path.of(args[0]);
        Random random = new Random(42);
        try (EmbeddingStore store = EmbeddingStore.open(db)) {
            for (int batch = 0; ; batch++) {
                Map<String, float[]> vectors = new HashMap<>();
                for (int i = 0; i < BATCH; i++) {
                    float[] vector = new float[DIMENSION];
                    for (int d = 0; d < DIMENSION; d++) {
                        vector[d] = random.nextFloat();
                    }
                    vectors.put(hash(batch, i), vector);
                }
                store.putAll(STORE_KEY, vectors, Map.of("failed-" + batch, "bad file " + batch));
                System.out.println("committed " + batch);
                System.out.flush();
            }
        }
    }

    static String hash(int batch, int index) {
        return "b" + batch + "-" + index;
    }
}
