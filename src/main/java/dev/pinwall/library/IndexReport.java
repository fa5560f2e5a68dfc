package dev.pinwall.library;

import java.nio.file.Path;
import java.util.Map;

/**
 * Outcome of an indexing run.
 *
 * @param indexed         photos with a vector after the run (new plus cached)
 * @param added           vectors computed in this run
 * @param cached          vectors found in the store
 * @param failed          photos that could not be embedded, with the reason for each
 * @param imagesPerSecond rate over the photos computed in this run (0 when none were)
 * @param cancelled       true when the run was cancelled before it finished
 */
public record IndexReport(int indexed, int added, int cached, Map<Path, String> failed, double imagesPerSecond,
                          boolean cancelled) {

    /** The line the {@code index} command ends with. */
    public String summaryLine() {
        return String.format(java.util.Locale.ROOT, "indexed %d new %d cached %d failed %d images_per_s %.1f",
                indexed, added, cached, failed.size(), imagesPerSecond);
    }
}
