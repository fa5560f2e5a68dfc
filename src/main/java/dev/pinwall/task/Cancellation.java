package dev.pinwall.task;

import java.util.concurrent.CancellationException;

/**
 * A flag that long-running work polls between steps; cancelling never interrupts native inference mid-batch.
 * A {@linkplain #child() child} is cancelled with its parent, or on its own without touching the parent.
 */
public final class Cancellation {
    private final Cancellation parent;
    private volatile boolean cancelled;

    public Cancellation() {
        this(null);
    }

    private Cancellation(Cancellation parent) {
        this.parent = parent;
    }

    public void cancel() {
        cancelled = true;
    }

    public boolean isCancelled() {
        return cancelled || (parent != null && parent.isCancelled());
    }

    public void throwIfCancelled() {
        if (isCancelled()) {
            throw new CancellationException("cancelled");
        }
    }

    /** A token cancelled when this one is, that can also be cancelled alone. */
    public Cancellation child() {
        return new Cancellation(this);
    }

    /** A token that is never cancelled. */
    public static Cancellation none() {
        return new Cancellation();
    }
}
