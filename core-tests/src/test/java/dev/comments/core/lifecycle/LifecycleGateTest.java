package dev.comments.core.lifecycle;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LifecycleGateTest {

    @Test
    void startsOnceAndASecondStartThrows() {
        LifecycleGate gate = new LifecycleGate("a part");
        AtomicInteger begun = new AtomicInteger();
        gate.start(begun::incrementAndGet);
        assertThrows(IllegalStateException.class, () -> gate.start(begun::incrementAndGet));
        assertEquals(1, begun.get());
    }

    @Test
    void aStopBeforeTheStartKeepsTheWorkFromBeginning() {
        LifecycleGate gate = new LifecycleGate("a part");
        AtomicInteger begun = new AtomicInteger();
        AtomicInteger ended = new AtomicInteger();
        gate.stop(ended::incrementAndGet);
        gate.start(begun::incrementAndGet);
        gate.stop(ended::incrementAndGet);
        assertEquals(0, begun.get());
        assertEquals(1, ended.get(), "the stop runs once");
        assertTrue(gate.stopping());
    }

    @Test
    void laterStopsWaitForTheFirst() throws Exception {
        LifecycleGate gate = new LifecycleGate("a part");
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch ending = new CountDownLatch(1);
        Thread first = Thread.ofPlatform().start(() -> gate.stop(() -> {
            ending.countDown();
            awaitQuietly(release);
        }));
        ending.await();
        Thread second = Thread.ofPlatform().start(() -> gate.stop(() -> { }));
        await("the second stop waits").during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(5))
                .until(second::isAlive);
        release.countDown();
        await("both return").atMost(Duration.ofSeconds(5)).until(() -> !first.isAlive() && !second.isAlive());
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
