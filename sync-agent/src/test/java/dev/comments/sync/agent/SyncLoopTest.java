package dev.comments.sync.agent;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.comments.core.reports.SyncRoundFigures;
import dev.comments.sync.round.RoundReport;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The loop keeps the start/stop contract of every long-running part (Lifecycle). */
class SyncLoopTest {

    private static final RoundReport NOTHING_NEW = new RoundReport(
            new SyncRoundFigures(1, true, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1), List.of());

    private final AtomicInteger rounds = new AtomicInteger();

    @Test
    void startsOnceAndItsThreadIsDoneWhenStopReturns() {
        SyncLoop loop = new SyncLoop(this::round, Duration.ofMillis(10));
        loop.start();
        assertThrows(IllegalStateException.class, loop::start, "a loop starts once");
        await("rounds every interval").atMost(Duration.ofSeconds(10)).until(() -> rounds.get() >= 3);
        loop.stop();
        assertTrue(loop.terminated(), "the loop's thread is done when stop returns");
        loop.stop();
    }

    @Test
    void stopWaitsForTheRoundInProgress() throws Exception {
        CountDownLatch inRound = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        SyncLoop loop = new SyncLoop(() -> {
            inRound.countDown();
            awaitUninterruptibly(release);
            return NOTHING_NEW;
        }, Duration.ofSeconds(30));
        loop.start();
        inRound.await();
        Thread stopper = Thread.ofPlatform().start(loop::stop);
        await("stop waits for the round").during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(5))
                .until(stopper::isAlive);
        release.countDown();
        await("then returns").atMost(Duration.ofSeconds(10)).until(() -> !stopper.isAlive());
        assertTrue(loop.terminated());
    }

    @Test
    void stoppedBeforeItStartsItRunsNoRound() {
        SyncLoop loop = new SyncLoop(this::round, Duration.ofMillis(10));
        loop.stop();
        loop.start();
        loop.stop();
        assertTrue(loop.terminated());
        await("no round").during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(2)).until(() -> rounds.get() == 0);
    }

    private RoundReport round() {
        rounds.incrementAndGet();
        return NOTHING_NEW;
    }

    /** As a round's own calls do not give up at an interrupt, neither does this one. */
    private static void awaitUninterruptibly(CountDownLatch latch) {
        boolean interrupted = false;
        while (true) {
            try {
                latch.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
