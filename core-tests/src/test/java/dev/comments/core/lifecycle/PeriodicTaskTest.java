package dev.comments.core.lifecycle;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PeriodicTaskTest {

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void shutDown() {
        scheduler.shutdownNow();
    }

    @Test
    void ticksUntilStoppedAndStartsOnce() {
        AtomicInteger ticks = new AtomicInteger();
        PeriodicTask task = task(Duration.ofSeconds(5), ticks::incrementAndGet);
        task.start();
        assertThrows(IllegalStateException.class, task::start);
        await("ticks").atMost(Duration.ofSeconds(5)).until(() -> ticks.get() >= 3);
        task.stop();
        int stoppedAt = ticks.get();
        task.stop();
        await("no tick after stop").during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(2))
                .until(() -> ticks.get() == stoppedAt);
    }

    @Test
    void stopWaitsForTheTickInProgress() throws Exception {
        CountDownLatch inTick = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        PeriodicTask task = task(Duration.ofSeconds(5), () -> {
            inTick.countDown();
            awaitQuietly(release);
        });
        task.start();
        inTick.await();
        Thread stopper = Thread.ofPlatform().start(task::stop);
        await("stop waits").during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(5)).until(stopper::isAlive);
        release.countDown();
        await("stop returns").atMost(Duration.ofSeconds(5)).until(() -> !stopper.isAlive());
        assertFalse(task.ticking(), "no tick runs once stop has returned");
    }

    @Test
    void aTickPastTheGraceIsInterrupted() {
        AtomicInteger interrupted = new AtomicInteger();
        PeriodicTask task = task(Duration.ofMillis(100), () -> {
            try {
                new CountDownLatch(1).await();
            } catch (InterruptedException e) {
                interrupted.incrementAndGet();
            }
        });
        task.start();
        await("in the tick").atMost(Duration.ofSeconds(5)).until(task::ticking);
        task.stop();
        await("interrupted").atMost(Duration.ofSeconds(5)).until(() -> !task.ticking());
        assertEquals(1, interrupted.get());
    }

    @Test
    void stoppedBeforeItStartsItNeverTicks() {
        AtomicInteger ticks = new AtomicInteger();
        PeriodicTask task = task(Duration.ofSeconds(5), ticks::incrementAndGet);
        task.stop();
        task.start();
        task.stop();
        await("no tick").during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(2)).until(() -> ticks.get() == 0);
    }

    private PeriodicTask task(Duration grace, Runnable tick) {
        return new PeriodicTask("a test task", scheduler, Duration.ofMillis(10), grace, tick);
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
