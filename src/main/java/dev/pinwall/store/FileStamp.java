package dev.pinwall.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * What identifies a file's content cheaply: when path, size and modification time are unchanged, the content hash
 * computed earlier is trusted.
 *
 * @param path           absolute, normalised path
 * @param size           size in bytes
 * @param modifiedMillis last-modified time in milliseconds since the epoch
 */
public record FileStamp(Path path, long size, long modifiedMillis) {

    public FileStamp {
        path = path.toAbsolutePath().normalize();
    }

    /** Reads the stamp of an existing file. */
    public static FileStamp of(Path file) throws IOException {
        BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
        return new FileStamp(file, attributes.size(), attributes.lastModifiedTime().toMillis());
    }
}
