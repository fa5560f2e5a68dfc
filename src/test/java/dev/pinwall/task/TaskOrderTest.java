package dev.pinwall.task;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Callbacks, cancellation and the executors with the work and its delivery taken apart by {@link ScriptedTaskExecutor}:
 * whatever is cancelled before its callbacks are delivered reports only "cancelled" and "finished".
 */
class TaskOrderTest {
    private final ScriptedTaskExecutor tasks = new ScriptedTaskExecutor();
    private final List<String> events = new ArrayList<>();

    private <T> BackgroundTask<T> recorded(BackgroundTask<T> task) {
        return task.onRunning(() -> events.add("running"))
                .onSuccess(result -> events.add("success " + result))
                .onFailure(error -> events.add("failure " + error.getMessage()))
                .onCancelled(() -> events.add("cancelled"))
                .onFinished(() -> events.add("finished"));
    }

    @Test
    void aTaskCancelledBeforeItRunsNeverRunsItsWork() {
        AtomicBoolean ran = new AtomicBoolean();
        BackgroundTask<String> task = recorded(BackgroundTask.wrap(() -> {
            ran.set(true);
            return "x";
        })).executeWith(tasks);
        task.cancel();

        tasks.take("aTaskCancelledBeforeItRuns").complete();

        assertThat(ran).isFalse();
        assertThat(events).containsExactly("cancelled", "finished");
    }

    @Test
    void aTaskCancelledWhileItsCallbacksWaitDeliversNeitherRunningNorItsResult() {
        BackgroundTask<String> task = recorded(BackgroundTask.wrap(() -> "late")).executeWith(tasks);
        ScriptedTaskExecutor.Scripted scripted = tasks.take("aTaskCancelledWhile").work();
        task.cancel();

        scripted.deliver();

        assertThat(events).containsExactly("cancelled", "finished");
        assertThat(scripted.isCancelled()).isTrue();
    }

    @Test
    void aFailureOfACancelledTaskIsNotDelivered() {
        BackgroundTask<String> task = recorded(BackgroundTask.<String>wrap(() -> {
            throw new IllegalStateException("disk gone");
        })).executeWith(tasks);
        ScriptedTaskExecutor.Scripted scripted = tasks.take("aFailureOfACancelled").work();
        task.cancel();

        scripted.deliver();

        assertThat(events).containsExactly("cancelled", "finished");
    }

    @Test
    void aLiveTaskDeliversRunningThenItsResultInOrder() {
        recorded(BackgroundTask.wrap(() -> 7)).executeWith(tasks);
        recorded(BackgroundTask.wrap((Runnable) () -> { })).executeWith(tasks);
        assertThat(tasks.pendingOrigins()).hasSize(2).allMatch(o -> o.equals("TaskOrderTest.aLiveTaskDeliversRunningThenItsResultInOrder"));

        tasks.takeLatest("aLiveTask").complete();
        tasks.take("aLiveTask").complete();

        assertThat(events).containsExactly("running", "success null", "finished", "running", "success 7", "finished");
    }

    @Test
    void finishedRunsEvenWhenTheSuccessCallbackThrows() {
        BackgroundTask.wrap(() -> 1)
                .onSuccess(result -> {
                    throw new IllegalStateException("bug in a callback");
                })
                .onFinished(() -> events.add("finished"))
                .executeWith(tasks);

        assertThatThrownBy(() -> tasks.take("finishedRuns").complete()).hasMessage("bug in a callback");
        assertThat(events).containsExactly("finished");
    }

    @Test
    void finishedRunsEvenWhenTheFailureCallbackThrows() {
        BackgroundTask.wrap(() -> {
                    throw new java.io.IOException("gone");
                })
                .onFailure(error -> {
                    throw new IllegalStateException("bug in a callback");
                })
                .onFinished(() -> events.add("finished"))
                .executeWith(tasks);

        assertThatThrownBy(() -> tasks.take("finishedRuns").complete()).hasMessage("bug in a callback");
        assertThat(events).containsExactly("finished");
    }

    @Test
    void finishedRunsEvenWhenTheCancelledCallbackThrows() {
        BackgroundTask<Integer> task = BackgroundTask.wrap(() -> 1)
                .onCancelled(() -> {
                    throw new IllegalStateException("bug in a callback");
                })
                .onFinished(() -> events.add("finished"))
                .executeWith(tasks);
        task.cancel();

        assertThatThrownBy(() -> tasks.take("finishedRuns").complete()).hasMessage("bug in a callback");
        assertThat(events).containsExactly("finished");
    }

    @Test
    void errorsAreNamedForTheUser() {
        Exception overflow = BackgroundTask.asFailure(new StackOverflowError());
        assertThat(overflow).isInstanceOf(ExecutionException.class).hasMessage("stack overflow (StackOverflowError)");
        assertThat(overflow.getCause()).isInstanceOf(StackOverflowError.class);
        assertThat(BackgroundTask.asFailure(new OutOfMemoryError()).getMessage())
                .isEqualTo("out of memory (OutOfMemoryError)");
        assertThat(BackgroundTask.asFailure(new NoClassDefFoundError("ai/djl/Model")).getMessage())
                .isEqualTo("internal error (ai/djl/Model)");
    }

    @Test
    void aCancellationSeenByTheWorkEndsAsCancelledEvenWhenNobodyCancelledTheTask() {
        recorded(BackgroundTask.wrap(() -> {
            throw new CancellationException("stopped by the library");
        })).executeWith(tasks);

        tasks.take("aCancellationSeen").complete();

        assertThat(events).containsExactly("running", "cancelled", "finished");
    }

    @Test
    void aChildCancellationFollowsItsParentButNotTheOtherWay() {
        Cancellation parent = new Cancellation();
        Cancellation child = parent.child();
        Cancellation sibling = parent.child();
        child.cancel();
        assertThat(child.isCancelled()).isTrue();
        assertThat(parent.isCancelled()).isFalse();
        assertThat(sibling.isCancelled()).isFalse();
        sibling.throwIfCancelled(); // does not throw

        parent.cancel();
        assertThat(sibling.isCancelled()).isTrue();
        assertThatThrownBy(sibling::throwIfCancelled).isInstanceOf(CancellationException.class);
        assertThat(Cancellation.none().isCancelled()).isFalse();
    }

    @Test
    void theTaskHandsItsOwnCancellationToTheWork() {
        List<Cancellation> seen = new ArrayList<>();
        BackgroundTask<Integer> task = BackgroundTask.wrap(cancellation -> {
            seen.add(cancellation);
            return 1;
        }).executeWith(tasks);
        tasks.take("theTaskHandsItsOwn").complete();
        assertThat(seen).containsExactly(task.cancellation());
        task.cancel();
        assertThat(task.cancellation().isCancelled()).isTrue();
    }

    @Test
    void aSlotCancelsOnlyTheTaskItHolds() {
        TaskSlot slot = new TaskSlot(tasks);
        slot.cancel(); // nothing held: nothing happens
        BackgroundTask<Integer> first = slot.replace(BackgroundTask.wrap(() -> 1));
        BackgroundTask<Integer> second = slot.replace(BackgroundTask.wrap(() -> 2));
        assertThat(first.isCancelled()).isTrue();
        assertThat(second.isCancelled()).isFalse();
        assertThat(tasks.pending()).hasSize(2);

        slot.cancel();
        assertThat(second.isCancelled()).isTrue();
        BackgroundTask<Integer> third = slot.replace(BackgroundTask.wrap(() -> 3));
        slot.cancel();
        slot.cancel();
        assertThat(third.isCancelled()).isTrue();
    }

    @Test
    void aClosedPoolCancelsWhatItIsGivenAndLetsRunningWorkFinish() throws Exception {
        PooledTaskExecutor pool = new PooledTaskExecutor("closing", Runnable::run);
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<String> seen = java.util.Collections.synchronizedList(new ArrayList<>());
        BackgroundTask.wrap(cancellation -> {
            started.countDown();
            release.await();
            return "done";
        }).onSuccess(seen::add).executeWith(pool);
        assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();

        pool.close();
        BackgroundTask<String> late = BackgroundTask.wrap(() -> "never").onSuccess(seen::add)
                .onCancelled(() -> seen.add("late cancelled")).executeWith(pool);
        assertThat(late.isCancelled()).isTrue();
        assertThat(pool.awaitTermination(Duration.ofMillis(50))).as("the running task holds the pool").isFalse();

        release.countDown();
        assertThat(pool.awaitTermination(Duration.ofSeconds(5))).isTrue();
        assertThat(seen).containsExactly("done");
    }

    @Test
    void aClosedScriptedExecutorCancelsWhatItIsGiven() {
        tasks.close();
        BackgroundTask<Integer> task = BackgroundTask.wrap(() -> 1).executeWith(tasks);
        assertThat(task.isCancelled()).isTrue();
        assertThat(tasks.pending()).isEmpty();
    }

    @Test
    void theCurrentThreadExecutorRunsEverythingBeforeReturning() {
        try (CurrentThreadTaskExecutor now = new CurrentThreadTaskExecutor()) {
            recorded(BackgroundTask.wrap(() -> "now")).executeWith(now);
        }
        assertThat(events).containsExactly("running", "success now", "finished");
    }
}
