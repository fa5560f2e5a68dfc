package dev.pinwall.task;

/**
 * Runs {@link BackgroundTask}s. The pooled implementation is for the application, the current-thread one for tests.
 */
public interface TaskExecutor extends AutoCloseable {

    /** Starts the task; returns at once (pooled) or after the task and its callbacks have run (current thread). */
    <T> void execute(BackgroundTask<T> task);

    /** Stops accepting tasks; running ones are left to finish. */
    @Override
    void close();
}
