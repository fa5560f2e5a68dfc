package dev.pinwall.library;

import dev.pinwall.embed.Embedder;
import dev.pinwall.embed.EmbedderInfo;
import dev.pinwall.task.Cancellation;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A folder of photos with one embedder: what the wall shows and what the command line indexes and searches.
 * All methods may do I/O or inference: never call them on a UI thread.
 */
public final class Library implements AutoCloseable {

    /** Lists the folder's images (and its {@code styles.csv}); computes nothing. */
    public static Library open(Path folder, Embedder embedder, dev.pinwall.store.EmbeddingStore store) throws IOException {
        throw new UnsupportedOperationException("TODO");
    }

    public Path folder() {
        throw new UnsupportedOperationException("TODO");
    }

    /** The photos in display order (by file name, numerically where names are numbers). */
    public List<Photo> photos() {
        throw new UnsupportedOperationException("TODO");
    }

    public EmbedderInfo embedderInfo() {
        throw new UnsupportedOperationException("TODO");
    }

    /** Loads stored vectors and computes the missing ones; returns when done or cancelled. */
    public IndexReport index(IndexListener listener, Cancellation cancellation) {
        throw new UnsupportedOperationException("TODO");
    }

    public boolean isEmbedded(Photo photo) {
        throw new UnsupportedOperationException("TODO");
    }

    /** The photos most similar to {@code photo} (itself excluded), or empty when it has no vector yet. */
    public Optional<List<Match>> related(Photo photo, RelatedQuery query) {
        throw new UnsupportedOperationException("TODO");
    }

    /** Photos most similar to an image that need not be in the collection. */
    public List<Match> similarTo(Path image, RelatedQuery query) throws dev.pinwall.embed.EmbedException, IOException {
        throw new UnsupportedOperationException("TODO");
    }

    /**
     * Adds image files, or folders of them, to the collection by reference (files are not copied).
     * Call {@link #index} afterwards to embed them.
     */
    public AddResult add(List<Path> paths) {
        throw new UnsupportedOperationException("TODO");
    }

    /** What {@link #add} took and what it turned down, with the reason for each. */
    public record AddResult(List<Photo> added, java.util.Map<Path, String> rejected) {
    }

    @Override
    public void close() {
    }
}
