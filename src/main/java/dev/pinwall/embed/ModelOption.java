package dev.pinwall.embed;

/**
 * One embedder a user can choose.
 *
 * @param id            what to pass to {@link ModelRegistry#open(String)}
 * @param displayName   what the UI shows
 * @param kind          where it comes from
 * @param available     whether opening it can work now
 * @param reason        why it is unavailable, or null
 * @param source        the model or descriptor path, the zoo URL, or {@code builtin}
 * @param downloadable  true for a zoo model that {@link ModelRegistry#download} can fetch (not downloaded yet)
 * @param downloadBytes the download's size in bytes when known, else -1
 */
public record ModelOption(String id, String displayName, Kind kind, boolean available, String reason, String source,
                          boolean downloadable, long downloadBytes) {

    /** Where an embedder comes from. */
    public enum Kind { MODEL_FILE, ZOO, BUILT_IN }

    /** An option with nothing to download. */
    public ModelOption(String id, String displayName, Kind kind, boolean available, String reason, String source) {
        this(id, displayName, kind, available, reason, source, false, -1);
    }
}
