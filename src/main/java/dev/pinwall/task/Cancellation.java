package dev.pinwall.task;

import java.util.concurrent.CancellationException;

/** A flag that long-running work polls between steps; cancelling never interrupts native inference mid-batch. */
public final class Cancellation {
    private volatile boolean cancelled;

    public void cancel() {
        cancelled = true;
    }

    public boolean isCancelled() {
        return cancelled;
    }

    public void throwIfCancelled() {
        if (cancelled) {
            throw new CancellationException("cancelled");
        }
    }

    /** A token that is never cancelled. */
    public static Cancellation none() {
        return new Cancellation();
    }
}
