package dev.pinwall.library;

import java.time.Duration;

/** A snapshot of an indexing run. {@code timeLeft} is null until a rate is known. */
public record IndexProgress(long done, long total, double imagesPerSecond, Duration timeLeft) {

    public double fraction() {
        return total == 0 ? 1.0 : (double) done / total;
    }
}
