package dev.pinwall.library;

/**
 * Hears how an indexing run goes. Called from worker threads: a UI must hop to its own thread.
 */
public interface IndexListener {

    /** Progress over the photos that needed work: {@code done} of {@code total}, at {@code imagesPerSecond}. */
    default void onProgress(IndexProgress progress) {
    }

    /** The photo's vector is stored and searchable. */
    default void onEmbedded(Photo photo) {
    }

    /** The photo could not be decoded or embedded; {@code reason} is written for users. Reported once. */
    default void onFailed(Photo photo, String reason) {
    }

    IndexListener NONE = new IndexListener() {
    };
}
