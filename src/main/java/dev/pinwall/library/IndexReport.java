package dev.pinwall.library;

import java.nio.file.Path;
import java.util.Map;

/**
 * Outcome of an indexing run. Each photo of the folder is counted once: for a finished run
 * {@code added + cached + duplicates + failed.size()} is the number of images ({@link #images()}).
 *
 * @param indexed         photos with a vector after the run (new plus cached plus duplicates)
 * @param added           vectors computed in this run (one per distinct content)
 * @param cached          photos whose vector was found in the store (one per distinct content)
 * @param duplicates      photos with the same content as another photo of the folder, sharing its vector
 * @param failed          photos that could not be embedded, with the reason for each
 * @param imagesPerSecond rate over the photos computed in this run (0 when none were)
 * @param cancelled       true when the run was cancelled before it finished
 */
public record IndexReport(int indexed, int added, int cached, int duplicates, Map<Path, String> failed,
                          double imagesPerSecond, boolean cancelled) {

    /** Photos settled by the run: with a vector or failed. */
    public int images() {
        return indexed + failed.size();
    }

    /**
     * The line the {@code index} command ends with:
     * {@code indexed N new A cached B duplicates D failed C images_per_s X}, where N = A + B + D + C.
     */
    public String summaryLine() {
        return String.format(java.util.Locale.ROOT,
                "indexed %d new %d cached %d duplicates %d failed %d images_per_s %.1f",
                images(), added, cached, duplicates, failed.size(), imagesPerSecond);
    }
}
