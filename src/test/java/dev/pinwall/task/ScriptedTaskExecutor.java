package dev.pinwall.task;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;

/**
 * A {@link TaskExecutor} for tests that runs nothing by itself: submitted tasks wait in a queue until the test runs
 * them, in any order it chooses, on the test thread (which plays the UI thread). Each task runs in two steps that
 * can be separated: {@link Scripted#work()} (the background part; its callbacks are held) and
 * {@link Scripted#deliver()} (the held callbacks, as the UI thread would get them). {@link #ui()} is the matching
 * UI executor: what workers post to it (progress, batches of events) is held until {@link #flushUi()}.
 * <p>
 * Each task records where it was submitted from ({@code "PinwallViewModel.openFolder"}), so a test picks tasks by
 * what they are rather than by position: {@code tasks.take("openFolder")}.
 */
public final class ScriptedTaskExecutor implements TaskExecutor {
    private final List<Scripted> pending = new ArrayList<>();
    private final Queue<Runnable> uiQueue = new ConcurrentLinkedQueue<>();
    private boolean closed;

    @Override
    public <T> void execute(BackgroundTask<T> task) {
        if (closed) {
            task.cancel();
            return;
        }
        pending.add(new Scripted(task, origin()));
    }

    @Override
    public void close() {
        closed = true;
    }

    /** The UI thread as workers see it: posted runnables wait for {@link #flushUi()}. Thread-safe. */
    public Executor ui() {
        return uiQueue::add;
    }

    /** Runs what was posted to {@link #ui()}, including what those runnables post in turn. */
    public int flushUi() {
        int ran = 0;
        for (Runnable r; (r = uiQueue.poll()) != null; ran++) {
            r.run();
        }
        return ran;
    }

    /** Forgets what was posted to {@link #ui()} without running it (the window closed before it arrived). */
    public void dropUi() {
        uiQueue.clear();
    }

    /** The tasks submitted and not yet taken, oldest first. */
    public List<Scripted> pending() {
        return List.copyOf(pending);
    }

    /** Where each pending task was submitted from, oldest first. */
    public List<String> pendingOrigins() {
        return pending.stream().map(Scripted::origin).toList();
    }

    /**
     * Removes and returns the oldest pending task submitted from a method whose "Class.method" contains
     * {@code where}; fails when there is none.
     */
    public Scripted take(String where) {
        for (int i = 0; i < pending.size(); i++) {
            if (pending.get(i).origin().contains(where)) {
                return pending.remove(i);
            }
        }
        throw new AssertionError("no pending task from " + where + "; pending: " + pendingOrigins());
    }

    /** Removes and returns the newest pending task from {@code where}. */
    public Scripted takeLatest(String where) {
        for (int i = pending.size() - 1; i >= 0; i--) {
            if (pending.get(i).origin().contains(where)) {
                return pending.remove(i);
            }
        }
        throw new AssertionError("no pending task from " + where + "; pending: " + pendingOrigins());
    }

    /**
     * Runs every pending task to completion, oldest first, with the UI queue flushed after each, until nothing is
     * left (tasks submitted meanwhile included): the order a single worker would give. Returns how many ran.
     */
    public int runAll() {
        int ran = 0;
        flushUi();
        while (!pending.isEmpty()) {
            pending.remove(0).complete();
            flushUi();
            ran++;
        }
        return ran;
    }

    /** "SimpleClass.method" of the first caller outside the task machinery (and outside the JDK). */
    private static String origin() {
        for (StackTraceElement frame : new Throwable().getStackTrace()) {
            String cls = frame.getClassName();
            boolean machinery = cls.startsWith(ScriptedTaskExecutor.class.getName())
                    || cls.equals(BackgroundTask.class.getName()) || cls.equals(TaskSlot.class.getName());
            if (!machinery && !cls.startsWith("java.")) {
                String simple = cls.substring(cls.lastIndexOf('.') + 1);
                return simple + "." + frame.getMethodName();
            }
        }
        return "?";
    }

    /** One submitted task: its work and its callbacks can run apart, whenever the test says. */
    public static final class Scripted {
        private final BackgroundTask<?> task;
        private final String origin;
        private final List<Runnable> held = new ArrayList<>();
        private boolean worked;

        private Scripted(BackgroundTask<?> task, String origin) {
            this.task = task;
            this.origin = origin;
        }

        public String origin() {
            return origin;
        }

        public boolean isCancelled() {
            return task.isCancelled();
        }

        /** Runs the background work now; its callbacks are held until {@link #deliver()}. */
        public Scripted work() {
            if (worked) {
                throw new IllegalStateException(origin + " already ran");
            }
            worked = true;
            task.run(held::add);
            return this;
        }

        /** Hands the held callbacks to the "UI thread" (the caller), in the order the task posted them. */
        public Scripted deliver() {
            if (!worked) {
                throw new IllegalStateException(origin + " has not run yet");
            }
            List<Runnable> now = List.copyOf(held);
            held.clear();
            now.forEach(Runnable::run);
            return this;
        }

        /** {@link #work()} then {@link #deliver()}. */
        public Scripted complete() {
            return work().deliver();
        }

        @Override
        public String toString() {
            return origin + (task.isCancelled() ? " (cancelled)" : "");
        }
    }
}
