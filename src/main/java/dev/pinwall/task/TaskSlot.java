package dev.pinwall.task;

/**
 * Holds at most one live task: starting a new one cancels the previous one, so only the latest result arrives
 * (the shape of a {@code javafx.concurrent.Service} restarted on each new query). Use from one thread.
 */
public final class TaskSlot {
    private final TaskExecutor executor;
    private BackgroundTask<?> current;

    public TaskSlot(TaskExecutor executor) {
        this.executor = executor;
    }

    /** Cancels the running task, if any, and starts {@code task}. */
    public <T> BackgroundTask<T> replace(BackgroundTask<T> task) {
        cancel();
        current = task;
        executor.execute(task);
        return task;
    }

    /** Cancels the running task, if any. */
    public void cancel() {
        if (current != null) {
            current.cancel();
            current = null;
        }
    }
}
