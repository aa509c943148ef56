package dev.comments.server.comments.control;

import static dev.comments.server.testing.ManagedStandIns.scheduler;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The daemon watch keeps the start/stop contract of every long-running part (Lifecycle). */
class DaemonWatchLifecycleTest {

    private final ScheduledExecutorService plain = Executors.newSingleThreadScheduledExecutor();
    private final CountDownLatch release = new CountDownLatch(1);
    private final HeldPublisher publisher = new HeldPublisher(release);

    /** A publisher whose check of the daemon waits for the test. */
    static final class HeldPublisher extends FolderPublisher {
        final AtomicInteger checks = new AtomicInteger();
        private final CountDownLatch release;

        HeldPublisher(CountDownLatch release) {
            this.release = release;
        }

        @Override
        public boolean checkDaemonCopy() {
            checks.incrementAndGet();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return false;
        }
    }

    @AfterEach
    void shutDown() {
        plain.shutdownNow();
    }

    @Test
    void startsOnceAndStopReturnsOnlyOnceTheCheckInProgressHasEnded() throws Exception {
        DaemonWatch watch = watch();
        watch.start();
        assertThrows(IllegalStateException.class, watch::start, "a daemon watch starts once");
        await("a check at start").atMost(Duration.ofSeconds(5)).until(() -> publisher.checks.get() == 1);
        Thread stopper = Thread.ofPlatform().start(watch::stop);
        await("stop waits for the check").during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(5))
                .until(stopper::isAlive);
        release.countDown();
        await("then returns").atMost(Duration.ofSeconds(5)).until(() -> !stopper.isAlive());
        watch.stop();
    }

    @Test
    void stoppedBeforeItStartsItNeverChecks() {
        DaemonWatch watch = watch();
        watch.stop();
        watch.start();
        watch.stop();
        await("no check").during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2))
                .until(() -> publisher.checks.get() == 0);
    }

    private DaemonWatch watch() {
        DaemonWatch watch = new DaemonWatch();
        watch.scheduler = scheduler(plain);
        watch.publisher = publisher;
        return watch;
    }
}
