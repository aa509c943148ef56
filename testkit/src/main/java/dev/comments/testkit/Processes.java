package dev.comments.testkit;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Stopping a process a test started, the way its owner would: SIGTERM, a grace period, then
 * SIGKILL; and killing it if the test JVM exits first (a run interrupted or timed out), so that
 * no daemon outlives its test.
 */
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

    /** Kills {@code process} when this JVM exits, until {@link ExitGuard#forget()}. */
    public static ExitGuard killOnExit(Process process, String what) {
        Thread hook = new Thread(process::destroyForcibly, "kill " + what + " " + process.pid());
        Runtime.getRuntime().addShutdownHook(hook);
        return new ExitGuard(hook);
    }

    /** A shutdown hook that kills one process; forgotten once the process was stopped. */
    public static final class ExitGuard {

        private Thread hook;

        private ExitGuard(Thread hook) {
            this.hook = hook;
        }

        public void forget() {
            if (hook == null) {
                return;
            }
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException alreadyShuttingDown) {
                // the hook runs anyway
            }
            hook = null;
        }
    }
}
