package dev.pinwall.map;

import dev.pinwall.home.AtomicFiles;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Fitted maps kept in the store's machine-local folder ({@code VectorStore.localFolder()/maps}), one file per
 * collection and model (store key), so reopening a folder draws its map without fitting it again. Files are written
 * atomically; one that cannot be read, or was fitted for another model or vector length, counts as absent.
 */
public final class MapCache {
    private static final int MAGIC = 0x50574d50; // "PWMP"
    private static final int VERSION = 1;

    private final Path folder;

    /** @param folder where the map files live */
    public MapCache(Path folder) {
        this.folder = folder;
    }

    /** The file of a collection's map under a store key. */
    Path file(String collection, String storeKey) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((collection + "\u0000" + storeKey).getBytes(StandardCharsets.UTF_8));
            return folder.resolve(HexFormat.of().formatHex(digest, 0, 16) + ".map");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The saved fit of {@code collection} under {@code storeKey} with vectors of {@code dimension}, if any. */
    public Optional<MapProjection.Fit> load(String collection, String storeKey, int dimension) {
        Path file = file(collection, storeKey);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(Files.readAllBytes(file)))) {
            if (in.readInt() != MAGIC || in.readInt() != VERSION || !in.readUTF().equals(storeKey)
                    || in.readInt() != dimension) {
                return Optional.empty();
            }
            return Optional.of(new MapProjection.Fit(storeKey, floats(in, dimension), floats(in, dimension),
                    floats(in, dimension)));
        } catch (IOException e) {
            return Optional.empty(); // refitted and written again
        }
    }

    /** Saves a fit for {@code collection}, replacing the one saved before. */
    public void save(String collection, MapProjection.Fit fit) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(MAGIC);
            out.writeInt(VERSION);
            out.writeUTF(fit.storeKey());
            out.writeInt(fit.mean().length);
            for (float[] v : new float[][]{fit.mean(), fit.axisX(), fit.axisY()}) {
                for (float f : v) {
                    out.writeFloat(f);
                }
            }
        }
        AtomicFiles.write(file(collection, fit.storeKey()), bytes.toByteArray());
    }

    private static float[] floats(DataInputStream in, int n) throws IOException {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = in.readFloat();
        }
        return v;
    }
}
