package dev.pinwall.ui;

/**
 * A model as the toolbar's selector lists it.
 *
 * @param id            what {@link EmbedderCatalog#open} takes
 * @param displayName   what the list shows
 * @param available     false when it cannot be used here (e.g. its file is missing, or it must be downloaded first)
 * @param reason        why it is unavailable, or a short description; may be empty
 * @param downloadable  true when {@link EmbedderCatalog#download} can fetch it (a model-zoo model not yet cached)
 * @param downloadBytes the download's size in bytes when known, else -1
 */
public record ModelChoice(String id, String displayName, boolean available, String reason,
                          boolean downloadable, long downloadBytes) {

    /** A model that is either usable or not, with nothing to download. */
    public ModelChoice(String id, String displayName, boolean available, String reason) {
        this(id, displayName, available, reason, false, -1);
    }
}
