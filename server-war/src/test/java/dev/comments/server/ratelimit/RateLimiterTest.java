package dev.comments.server.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RateLimiterTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);

    /** 30 a minute, 10 at once: a full refill takes 20 s. */
    private RateLimiter limiter(int maxClients) {
        return new RateLimiter(30, 10, maxClients, now::get);
    }

    private void advanceSeconds(long s) {
        now.addAndGet(TimeUnit.SECONDS.toNanos(s));
    }

    @Test
    void aClientPostsItsBurstThenWaitsForTheNextToken() {
        RateLimiter limiter = limiter(100);
        for (int i = 0; i < 10; i++) {
            assertEquals(0, limiter.take("a"));
        }
        assertEquals(2, limiter.take("a"), "one token every 2 s");
        assertEquals(0, limiter.take("b"), "another client has its own budget");
        advanceSeconds(2);
        assertEquals(0, limiter.take("a"));
    }

    @Test
    void aMillionDistinctClientsKeepTheTableWithinItsBound() {
        RateLimiter limiter = limiter(10_000);
        for (int i = 0; i < 1_000_000; i++) {
            limiter.take("client-" + i);
            if (i % 1_000 == 0) {
                advanceSeconds(1);
            }
            assertTrue(limiter.clients() <= 10_000);
        }
        // 1,000 new clients a second, each forgotten 20 s after its post: 20,000 would be needed,
        // so at times the table was full and new clients shared the overflow budget
        assertTrue(limiter.overflowed() > 0);
        assertTrue(limiter.clients() > 0);
    }

    @Test
    void whenTheTableIsFullOfActiveClientsNewOnesShareOneBudgetAndKnownOnesKeepTheirs() {
        RateLimiter limiter = limiter(1_000);
        for (int i = 0; i < 1_000; i++) {
            limiter.take("flood-" + i);
        }
        limiter.take("flood-0"); // a known client
        int allowed = 0;
        for (int i = 1_000; i < 2_000; i++) {
            allowed += limiter.take("flood-" + i) == 0 ? 1 : 0;
        }
        assertEquals(10, allowed, "a thousand new addresses got one burst between them");
        assertEquals(0, limiter.take("flood-0"), "a known client still has its own budget");
    }

    @Test
    void clientsIdleForAFullRefillAreForgottenAndStartFull() {
        RateLimiter limiter = limiter(2);
        for (int i = 0; i < 10; i++) {
            limiter.take("a");
        }
        limiter.take("b");
        advanceSeconds(20);
        assertEquals(0, limiter.take("c"), "a and b are full again: forgotten, which makes room");
        assertEquals(1, limiter.clients());
        for (int i = 0; i < 10; i++) {
            assertEquals(0, limiter.take("a"), "a starts with a full burst, as it would have had");
        }
    }
}
