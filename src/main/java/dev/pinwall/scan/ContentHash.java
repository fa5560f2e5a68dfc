package dev.pinwall.scan;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The identity of a file's content: SHA-256 of its bytes, in lower-case hex. Vectors are stored under it, so a moved,
 * renamed or copied file keeps its vector. The file is streamed, so memory stays bounded for any size.
 */
public final class ContentHash {

    private static final int BUFFER_SIZE = 64 * 1024;

    private ContentHash() {
    }

    /** Hashes the file's bytes. */
    public static String of(Path file) throws IOException {
        MessageDigest digest = sha256();
        byte[] buffer = new byte[BUFFER_SIZE];
        try (InputStream in = Files.newInputStream(file)) {
            int read;
            while ((read = in.read(buffer)) > 0) {
                digest.update(buffer, 0, read);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** Hashes bytes already in memory; the same value {@link #of} gives for a file with these bytes. */
    public static String of(byte[] content) {
        return HexFormat.of().formatHex(sha256().digest(content));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
