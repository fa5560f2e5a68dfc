package dev.pinwall.ui;

import org.testfx.util.WaitForAsyncUtils;

import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/** The two waits every TestFX test of the window needs: run on the FX thread, and poll a condition there. */
final class FxWait {
    private FxWait() {
    }

    /** Runs {@code action} on the FX thread and returns its result (10 s at most). */
    static <T> T onFx(Callable<T> action) {
        try {
            return WaitForAsyncUtils.asyncFx(action).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** Polls {@code conditionOnFx} on the FX thread every 50 ms until it holds; fails after 20 s, naming {@code what}. */
    static void waitUntil(String what, Callable<Boolean> conditionOnFx) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            if (Boolean.TRUE.equals(onFx(conditionOnFx))) {
                return;
            }
            WaitForAsyncUtils.sleep(50, TimeUnit.MILLISECONDS);
        }
        throw new AssertionError("timed out waiting until " + what);
    }
}
