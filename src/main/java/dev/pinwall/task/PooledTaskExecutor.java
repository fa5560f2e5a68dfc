package dev.pinwall.task;

import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs tasks on daemon worker threads and delivers their callbacks through {@code callbacks}
 * (the desktop passes {@code Platform::runLater}). Threads are created on demand and retired when idle,
 * because a long indexing run must not keep a short similarity query waiting.
 */
public final class PooledTaskExecutor implements TaskExecutor {
    private final ExecutorService workers;
    private final Executor callbacks;

    public PooledTaskExecutor(String threadName, Executor callbacks) {
        this.callbacks = callbacks;
        AtomicInteger count = new AtomicInteger();
        ThreadFactory factory = runnable -> {
            Thread thread = new Thread(runnable, threadName + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
        this.workers = Executors.newCachedThreadPool(factory);
    }

    @Override
    public <T> void execute(BackgroundTask<T> task) {
        try {
            workers.execute(() -> task.run(callbacks));
        } catch (RejectedExecutionException e) {
            // closed: the application is shutting down, nothing is left to deliver results to
            task.cancel();
        }
    }

    @Override
    public void close() {
        workers.shutdown();
    }

    /** After {@link #close()}: waits up to {@code timeout} for running tasks to return; true when they all did. */
    public boolean awaitTermination(java.time.Duration timeout) throws InterruptedException {
        return workers.awaitTermination(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    }
}
