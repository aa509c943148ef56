package dev.comments.watcher.supervise;

import dev.comments.watcher.config.Policy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Restart intensity and backoff for one child (systemd StartLimitBurst, OTP intensity):
 * remembers recent restarts and decides how long to wait before the next start, or that the
 * child has failed.
 */
final class RestartPolicy {

    private final Policy policy;
    private final Deque<Instant> recent = new ArrayDeque<>();
    private int consecutive;

    RestartPolicy(Policy policy) {
        this.policy = policy;
    }

    /** A restart happened now; returns the wait before the next start, or null when the child is to be FAILED. */
    Duration onRestart(Instant now) {
        recent.addLast(now);
        while (!recent.isEmpty() && recent.peekFirst().isBefore(now.minus(policy.window()))) {
            recent.removeFirst();
        }
        if (recent.size() > policy.maxRestarts()) {
            return null;
        }
        consecutive++;
        long factor = 1L << Math.min(consecutive - 1, 20);
        Duration wait = policy.backoffInitial().multipliedBy(factor);
        wait = wait.compareTo(policy.backoffMax()) > 0 ? policy.backoffMax() : wait;
        return wait.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : wait; // s6: at least 1 s
    }

    /** The child ran long enough to count as healthy: backoff starts from the beginning again. */
    void onStable() {
        consecutive = 0;
    }

    int restartsInWindow() {
        return recent.size();
    }
}
