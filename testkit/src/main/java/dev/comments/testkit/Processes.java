package dev.comments.testkit;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Stopping a process a test started, the way its owner would: SIGTERM, a grace period, then SIGKILL. */
public final class Processes {

    private Processes() {
    }

    public static void stop(Process process, Duration grace) {
        if (process == null || !process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
