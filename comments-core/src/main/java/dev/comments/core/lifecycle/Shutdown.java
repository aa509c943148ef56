package dev.comments.core.lifecycle;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

/** How a part's executor ends in its {@link Lifecycle#stop()}: the work queued may finish within the grace, then it is forced. */
public final class Shutdown {

    private Shutdown() {
    }

    /** Shuts {@code pool} down, waits up to {@code grace} for its queue and threads, then interrupts what is left. */
    public static void within(ExecutorService pool, Duration grace) {
        if (pool == null) {
            return;
        }
        pool.shutdown();
        try {
            if (!pool.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                pool.shutdownNow();
            }
        } catch (InterruptedException e) {
            pool.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
