package dev.comments.watcher.supervise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.comments.watcher.config.Policy;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RestartPolicyTest {

    private final Policy policy = new Policy(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(8),
            Duration.ofSeconds(60), 5, Duration.ofMinutes(5), Duration.ofMinutes(5));

    @Test
    void backsOffExponentiallyUpToTheCap() {
        RestartPolicy r = new RestartPolicy(policy);
        Instant t = Instant.parse("2026-01-01T00:00:00Z");
        assertEquals(Duration.ofSeconds(1), r.onRestart(t));
        assertEquals(Duration.ofSeconds(2), r.onRestart(t.plusSeconds(1)));
        assertEquals(Duration.ofSeconds(4), r.onRestart(t.plusSeconds(2)));
        assertEquals(Duration.ofSeconds(8), r.onRestart(t.plusSeconds(3)));
        assertEquals(Duration.ofSeconds(8), r.onRestart(t.plusSeconds(4)), "capped");
    }

    @Test
    void moreRestartsThanTheIntensityInTheWindowMeansFailed() {
        RestartPolicy r = new RestartPolicy(policy);
        Instant t = Instant.parse("2026-01-01T00:00:00Z");
        for (int i = 0; i < 5; i++) {
            r.onRestart(t.plusSeconds(i));
        }
        assertNull(r.onRestart(t.plusSeconds(5)), "the sixth restart within five minutes");
    }

    @Test
    void restartsOutsideTheWindowAreForgotten() {
        RestartPolicy r = new RestartPolicy(policy);
        Instant t = Instant.parse("2026-01-01T00:00:00Z");
        for (int i = 0; i < 5; i++) {
            r.onRestart(t.plusSeconds(i));
        }
        assertEquals(Duration.ofSeconds(8), r.onRestart(t.plusSeconds(400)));
        assertEquals(1, r.restartsInWindow());
    }

    @Test
    void aStableRunStartsTheBackoffAgainButNeverBelowOneSecond() {
        Policy fast = new Policy(Duration.ofSeconds(1), Duration.ofMillis(10), Duration.ofSeconds(8),
                Duration.ofSeconds(60), 5, Duration.ofMinutes(5), Duration.ofMinutes(5));
        RestartPolicy r = new RestartPolicy(fast);
        Instant t = Instant.parse("2026-01-01T00:00:00Z");
        r.onRestart(t);
        r.onRestart(t);
        r.onStable();
        assertEquals(Duration.ofSeconds(1), r.onRestart(t), "s6: at least one second between restarts");
    }
}
