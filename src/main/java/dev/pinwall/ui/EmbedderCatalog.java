package dev.pinwall.ui;

import dev.pinwall.embed.EmbedException;
import dev.pinwall.embed.DownloadListener;
import dev.pinwall.embed.Embedder;
import dev.pinwall.task.Cancellation;

import java.util.List;

/**
 * The models the desktop offers and how to open one. The application's catalog is backed by the core's model
 * registry; tests pass a catalog of small deterministic embedders.
 */
public interface EmbedderCatalog {

    /** Every model, available or not, in display order. May do I/O: call off the UI thread. */
    List<ModelChoice> choices();

    /**
     * Opens the model the user asked for at start-up, or fails saying why; with {@code null}, the best available one,
     * falling back to another with a note when the default cannot be used. May load a network from disk: call off
     * the UI thread.
     */
    Opened openDefault(String explicitOrNull) throws EmbedException;

    /** Opens exactly the model picked in the toolbar, or says why it cannot. Call off the UI thread. */
    Opened open(String id) throws EmbedException;

    /**
     * Downloads a model that {@link ModelChoice#downloadable()} into the local cache, reporting progress, so that
     * {@link #open} can use it afterwards. Only ever started by an explicit user action. Call off the UI thread.
     *
     * @throws EmbedException when the download fails, is corrupt, or is cancelled (nothing partial is kept)
     */
    default void download(String id, DownloadListener progress, Cancellation cancellation) throws EmbedException {
        throw new EmbedException("model " + id + " cannot be downloaded");
    }

    /**
     * An open embedder, the choice it came from, and notes for the status bar (e.g. "model X missing, using Y").
     */
    record Opened(Embedder embedder, String choiceId, List<String> notes) {
    }
}
