package dev.pinwall.search;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/**
 * Vectors that look like real embeddings, for search tests and benchmarks: the MobileNetV2 vectors of the fashion-dev
 * photos from a filled store ({@code -Dpinwall.devStore=FILE}, else {@code ../cache/fashion-dev.db} when present;
 * always read from a copy), mixed and perturbed into as many rows as wanted; without such a store, clustered
 * non-negative vectors (sparse like a CNN's pooled ReLU features).
 */
public final class DevVectors {
    private static final String MOBILENET_V2 = "mobilenet_v2_imagenet@p1001";

    private DevVectors() {
    }

    /** Where real vectors come from, or empty. */
    public static Optional<Path> store() {
        String prop = System.getProperty("pinwall.devStore");
        Path file = prop != null ? Path.of(prop) : Path.of("../cache/fashion-dev.db");
        return Files.isRegularFile(file) ? Optional.of(file.toAbsolutePath().normalize()) : Optional.empty();
    }

    /** The stored MobileNetV2 vectors of the dev store (read from a copy in {@code tempDir}), or empty. */
    public static Optional<List<float[]>> real(Path tempDir) throws IOException, SQLException {
        Optional<Path> source = store();
        if (source.isEmpty()) {
            return Optional.empty();
        }
        Path copy = tempDir.resolve("dev-vectors.db");
        Files.copy(source.get(), copy, StandardCopyOption.REPLACE_EXISTING);
        List<float[]> out = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + copy);
             PreparedStatement select = c.prepareStatement("SELECT vector FROM vectors WHERE store_key = ?")) {
            select.setString(1, MOBILENET_V2);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    byte[] bytes = rs.getBytes(1);
                    float[] v = new float[bytes.length / Float.BYTES];
                    ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(v);
                    out.add(v);
                }
            }
        }
        return out.isEmpty() ? Optional.empty() : Optional.of(out);
    }

    /** {@code rows} vectors each a mix of two of {@code base} (mostly the first) plus a little uniform noise
     * (standard deviation 0.002), kept ≥ 0. */
    public static float[][] derived(List<float[]> base, int rows, long seed) {
        Random random = new Random(seed);
        int d = base.get(0).length;
        float[][] out = new float[rows][d];
        for (int r = 0; r < rows; r++) {
            float[] a = base.get(random.nextInt(base.size()));
            float[] b = base.get(random.nextInt(base.size()));
            float mix = 0.15f * random.nextFloat();
            for (int i = 0; i < d; i++) {
                out[r][i] = Math.max(0, (1 - mix) * a[i] + mix * b[i] + (random.nextFloat() - 0.5f) * 0.007f);
            }
        }
        return out;
    }

    /** Clustered non-negative vectors: {@code clusters} sparse centres, each row a centre plus noise, ReLU'd. */
    public static List<float[]> clustered(int clusters, int perCluster, int d, long seed) {
        Random random = new Random(seed);
        List<float[]> out = new ArrayList<>();
        for (int c = 0; c < clusters; c++) {
            float[] centre = new float[d];
            for (int i = 0; i < d; i++) {
                centre[i] = random.nextFloat() < 0.3f ? (float) Math.abs(random.nextGaussian()) : 0f;
            }
            for (int j = 0; j < perCluster; j++) {
                float[] v = new float[d];
                for (int i = 0; i < d; i++) {
                    v[i] = Math.max(0, centre[i] + 0.35f * (float) random.nextGaussian());
                }
                out.add(v);
            }
        }
        return out;
    }
}
