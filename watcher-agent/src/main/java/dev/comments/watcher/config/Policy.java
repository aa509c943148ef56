package dev.comments.watcher.config;

import java.time.Duration;

/**
 * When to restart, in the manner of systemd's RestartSec/StartLimitBurst and OTP's restart
 * intensity: restarts back off from {@code backoffInitial}, doubling up to {@code backoffMax}
 * (never below 1 s, as s6 does); a child that ran {@code stableAfter} counts as healthy again;
 * more than {@code maxRestarts} within {@code window} puts it in FAILED, retried every
 * {@code failedRetry}.
 */
public record Policy(Duration checkInterval, Duration backoffInitial, Duration backoffMax, Duration stableAfter,
        int maxRestarts, Duration window, Duration failedRetry) {

    public static Policy defaults() {
        return new Policy(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofSeconds(60),
                5, Duration.ofMinutes(5), Duration.ofMinutes(5));
    }
}
