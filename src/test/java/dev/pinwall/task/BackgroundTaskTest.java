package dev.pinwall.task;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

class BackgroundTaskTest {

    @Test
    void deliversRunningThenSuccessThenFinished() {
        List<String> events = new ArrayList<>();
        BackgroundTask.wrap(() -> 42)
                .onRunning(() -> events.add("running"))
                .onSuccess(result -> events.add("success " + result))
                .onFailure(error -> events.add("failure"))
                .onFinished(() -> events.add("finished"))
                .executeWith(new CurrentThreadTaskExecutor());
        assertThat(events).containsExactly("running", "success 42", "finished");
    }

    @Test
    void deliversFailureWithTheException() {
        List<String> events = new ArrayList<>();
        BackgroundTask.wrap(() -> {
                    throw new IllegalStateException("disk gone");
                })
                .onSuccess(result -> events.add("success"))
                .onFailure(error -> events.add("failure " + error.getMessage()))
                .onFinished(() -> events.add("finished"))
                .executeWith(new CurrentThreadTaskExecutor());
        assertThat(events).containsExactly("failure disk gone", "finished");
    }

    @Test
    void anErrorInTheWorkReachesTheFailureCallback() {
        List<String> events = new ArrayList<>();
        BackgroundTask.wrap(() -> {
                    throw new UnsatisfiedLinkError("no torch in java.library.path");
                })
                .onSuccess(result -> events.add("success"))
                .onFailure(error -> events.add("failure " + error.getMessage() + " / "
                        + error.getCause().getClass().getSimpleName()))
                .onFinished(() -> events.add("finished"))
                .executeWith(new CurrentThreadTaskExecutor());
        assertThat(events).containsExactly(
                "failure internal error (no torch in java.library.path) / UnsatisfiedLinkError", "finished");
    }

    @Test
    void outOfMemoryIsNamedPlainly() {
        assertThat(BackgroundTask.asFailure(new OutOfMemoryError("Java heap space")).getMessage())
                .isEqualTo("out of memory (Java heap space)");
    }

    @Test
    void anErrorOnAPooledWorkerIsDeliveredNotLostWithTheThread() throws Exception {
        ConcurrentLinkedQueue<String> events = new ConcurrentLinkedQueue<>();
        CountDownLatch done = new CountDownLatch(1);
        try (PooledTaskExecutor executor = new PooledTaskExecutor("test-worker", Runnable::run)) {
            BackgroundTask.wrap(() -> {
                        throw new StackOverflowError();
                    })
                    .onSuccess(result -> events.add("success"))
                    .onFailure(error -> events.add("failure " + error.getMessage()))
                    .onFinished(done::countDown)
                    .executeWith(executor);
            assertThat(done.await(10, TimeUnit.SECONDS)).as("the task finished").isTrue();
        }
        assertThat(events).containsExactly("failure stack overflow (StackOverflowError)");
    }

    @Test
    void workThatSeesCancellationEndsAsCancelled() {
        List<String> events = new ArrayList<>();
        BackgroundTask<Integer> task = BackgroundTask.wrap(cancellation -> {
            cancellation.throwIfCancelled();
            return 1;
        });
        task.onSuccess(result -> events.add("success"))
                .onCancelled(() -> events.add("cancelled"))
                .onFinished(() -> events.add("finished"));
        task.cancel();
        task.executeWith(new CurrentThreadTaskExecutor());
        assertThat(events).containsExactly("cancelled", "finished");
    }

    @Test
    void dropsResultOfTaskCancelledBeforeDelivery() {
        // Callbacks queue up like Platform.runLater; the task is cancelled before the queue drains.
        ConcurrentLinkedQueue<Runnable> queue = new ConcurrentLinkedQueue<>();
        Executor queued = queue::add;
        List<String> events = new ArrayList<>();
        BackgroundTask<String> task = BackgroundTask.wrap(() -> "stale")
                .onSuccess(events::add)
                .onCancelled(() -> events.add("cancelled"));
        task.run(queued);
        task.cancel();
        queue.forEach(Runnable::run);
        assertThat(events).containsExactly("cancelled");
    }

    @Test
    void pooledExecutorRunsOffTheCallingThreadAndDeliversThroughItsExecutor() throws Exception {
        AtomicReference<String> workThread = new AtomicReference<>();
        AtomicReference<String> callbackThread = new AtomicReference<>();
        CountDownLatch done = new CountDownLatch(1);
        Executor callbacks = runnable -> {
            callbackThread.set("callbacks");
            runnable.run();
        };
        try (PooledTaskExecutor executor = new PooledTaskExecutor("test", callbacks)) {
            BackgroundTask.wrap(() -> {
                        workThread.set(Thread.currentThread().getName());
                        return 1;
                    })
                    .onSuccess(result -> done.countDown())
                    .executeWith(executor);
            assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(workThread.get()).startsWith("test-").isNotEqualTo(Thread.currentThread().getName());
        assertThat(callbackThread.get()).isEqualTo("callbacks");
    }

    @Test
    void slotCancelsThePreviousTaskWhenANewOneStarts() throws Exception {
        CountDownLatch firstStarted = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch secondDone = new CountDownLatch(1);
        List<String> results = java.util.Collections.synchronizedList(new ArrayList<>());
        try (PooledTaskExecutor executor = new PooledTaskExecutor("slot", Runnable::run)) {
            TaskSlot slot = new TaskSlot(executor);
            BackgroundTask<String> first = slot.replace(BackgroundTask.wrap(cancellation -> {
                firstStarted.countDown();
                release.await();
                return "first";
            }).onSuccess(results::add).onCancelled(() -> results.add("first cancelled")));
            assertThat(firstStarted.await(5, TimeUnit.SECONDS)).isTrue();
            slot.replace(BackgroundTask.wrap(() -> "second").onSuccess(results::add)
                    .onFinished(secondDone::countDown));
            assertThat(first.isCancelled()).isTrue();
            release.countDown();
            assertThat(secondDone.await(5, TimeUnit.SECONDS)).isTrue();
            // the first task's callbacks may still be on their way
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (results.size() < 2 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
        }
        assertThat(results).containsExactlyInAnyOrder("second", "first cancelled");
    }
}
