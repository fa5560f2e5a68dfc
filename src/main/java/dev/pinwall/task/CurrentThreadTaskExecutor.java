package dev.pinwall.task;

/** Runs each task and its callbacks synchronously on the caller's thread: deterministic, for tests. */
public final class CurrentThreadTaskExecutor implements TaskExecutor {

    @Override
    public <T> void execute(BackgroundTask<T> task) {
        task.run(Runnable::run);
    }

    @Override
    public void close() {
    }
}
