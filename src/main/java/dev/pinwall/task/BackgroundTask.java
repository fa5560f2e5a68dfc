package dev.pinwall.task;

import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;

/**
 * A piece of background work with callbacks, run by a {@link TaskExecutor}:
 * {@code BackgroundTask.wrap(work).onSuccess(..).onFailure(..).executeWith(executor)}.
 * <p>
 * The work runs on a worker thread; the callbacks run wherever the executor delivers them (the UI thread for the
 * desktop). Once a task is {@linkplain #cancel() cancelled}, neither {@code onSuccess} nor {@code onFailure} is
 * delivered any more, so a stale result can never overwrite a newer one; {@code onCancelled} and
 * {@code onFinished} are.
 *
 * @param <T> what the work returns
 */
public final class BackgroundTask<T> {

    /** Work that polls a {@link Cancellation} between its steps. */
    @FunctionalInterface
    public interface Work<T> {
        T call(Cancellation cancellation) throws Exception;
    }

    private final Work<T> work;
    private final Cancellation cancellation = new Cancellation();
    private Runnable onRunning = () -> { };
    private Consumer<? super T> onSuccess = result -> { };
    private Consumer<? super Exception> onFailure = error -> { };
    private Runnable onCancelled = () -> { };
    private Runnable onFinished = () -> { };

    private BackgroundTask(Work<T> work) {
        this.work = Objects.requireNonNull(work);
    }

    /** Work that can be cancelled: it receives this task's {@link Cancellation}. */
    public static <T> BackgroundTask<T> wrap(Work<T> work) {
        return new BackgroundTask<>(work);
    }

    /** Work that ignores cancellation (its result is still dropped once the task is cancelled). */
    public static <T> BackgroundTask<T> wrap(Callable<T> callable) {
        Objects.requireNonNull(callable);
        return new BackgroundTask<>(cancellation -> callable.call());
    }

    /** Work without a result. */
    public static BackgroundTask<Void> wrap(Runnable runnable) {
        Objects.requireNonNull(runnable);
        return new BackgroundTask<>(cancellation -> {
            runnable.run();
            return null;
        });
    }

    public BackgroundTask<T> onRunning(Runnable callback) {
        this.onRunning = Objects.requireNonNull(callback);
        return this;
    }

    public BackgroundTask<T> onSuccess(Consumer<? super T> callback) {
        this.onSuccess = Objects.requireNonNull(callback);
        return this;
    }

    public BackgroundTask<T> onFailure(Consumer<? super Exception> callback) {
        this.onFailure = Objects.requireNonNull(callback);
        return this;
    }

    public BackgroundTask<T> onCancelled(Runnable callback) {
        this.onCancelled = Objects.requireNonNull(callback);
        return this;
    }

    /** Runs last, after success, failure or cancellation. */
    public BackgroundTask<T> onFinished(Runnable callback) {
        this.onFinished = Objects.requireNonNull(callback);
        return this;
    }

    /** Hands the task to {@code executor} and returns it, for chaining and later cancellation. */
    public BackgroundTask<T> executeWith(TaskExecutor executor) {
        executor.execute(this);
        return this;
    }

    /** Asks the work to stop and drops its result. Safe from any thread, any number of times. */
    public void cancel() {
        cancellation.cancel();
    }

    public boolean isCancelled() {
        return cancellation.isCancelled();
    }

    public Cancellation cancellation() {
        return cancellation;
    }

    /**
     * Runs the work on the calling thread, handing each callback to {@code callbacks}. Executors call this;
     * the cancelled check happens when a callback is delivered, on the delivering thread.
     */
    void run(java.util.concurrent.Executor callbacks) {
        if (isCancelled()) {
            callbacks.execute(this::finishCancelled);
            return;
        }
        callbacks.execute(() -> {
            if (!isCancelled()) {
                onRunning.run();
            }
        });
        T result;
        try {
            result = work.call(cancellation);
        } catch (CancellationException e) {
            callbacks.execute(this::finishCancelled);
            return;
        } catch (Exception | Error thrown) {
            // An Error (out of memory, stack overflow, a missing native library) is a failure like any other:
            // the user must see it, never a worker thread that died silently with the UI waiting for ever.
            Exception e = thrown instanceof Exception exception ? exception : asFailure((Error) thrown);
            callbacks.execute(() -> {
                if (isCancelled()) {
                    finishCancelled();
                } else {
                    try {
                        onFailure.accept(e);
                    } finally {
                        onFinished.run();
                    }
                }
            });
            return;
        }
        callbacks.execute(() -> {
            if (isCancelled()) {
                finishCancelled();
            } else {
                try {
                    onSuccess.accept(result);
                } finally {
                    onFinished.run();
                }
            }
        });
    }

    /** An Error as the exception {@code onFailure} receives, with a message a user can read. */
    static Exception asFailure(Error error) {
        String what = error instanceof OutOfMemoryError ? "out of memory"
                : error instanceof StackOverflowError ? "stack overflow" : "internal error";
        String detail = error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage();
        return new ExecutionException(what + " (" + detail + ")", error);
    }

    private void finishCancelled() {
        try {
            onCancelled.run();
        } finally {
            onFinished.run();
        }
    }
}
