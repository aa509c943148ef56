package dev.comments.server.comments.control;

import static dev.comments.server.testing.ManagedStandIns.threadFactory;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.comments.server.ipfs.IpfsFolders;
import dev.comments.server.testing.ManagedStandIns.CountedThreads;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/**
 * The publisher keeps the start/stop contract of every long-running part (Lifecycle). Its
 * daemon answers but holds nothing, so a check starts a rebuild, whose thread this test
 * holds until it lets it go (the rebuild then fails at once: the publisher has no store).
 */
class FolderPublisherLifecycleTest {

    private final CountedThreads threads = new CountedThreads();
    private final CountDownLatch release = new CountDownLatch(1);

    @Test
    void startsOnceAndStopReturnsOnceTheRebuildInProgressHasEnded() throws Exception {
        FolderPublisher publisher = publisher();
        publisher.start();
        assertThrows(IllegalStateException.class, publisher::start, "a publisher starts once");
        assertFalse(publisher.checkDaemonCopy(), "no tree yet: a rebuild starts");
        await("the rebuild runs").atMost(Duration.ofSeconds(5)).until(() -> !threads.made().isEmpty());
        Thread stopper = Thread.ofPlatform().start(publisher::stop);
        await("stop waits for the rebuild").during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(5))
                .until(stopper::isAlive);
        release.countDown();
        await("then returns").atMost(Duration.ofSeconds(10)).until(() -> !stopper.isAlive());
        assertTrue(threads.allDoneWithin(Duration.ofSeconds(5)), "the rebuild's thread ends once stop returns");
        assertTrue(publisher.stopped());
        publisher.stop();
    }

    @Test
    void stoppedItStartsNoRebuild() {
        FolderPublisher publisher = publisher();
        publisher.stop();
        publisher.start();
        publisher.checkDaemonCopy();
        publisher.stop();
        assertEquals(0, threads.made().size(), "no thread after the stop");
        assertTrue(publisher.stopped());
    }

    private FolderPublisher publisher() {
        FolderPublisher publisher = new FolderPublisher();
        publisher.threads = threadFactory(r -> threads.newThread(() -> {
            awaitQuietly(release);
            r.run();
        }));
        publisher.ipfs = answeringDaemon();
        return publisher;
    }

    /** Answers its version and holds nothing. */
    private static IpfsFolders answeringDaemon() {
        return (IpfsFolders) Proxy.newProxyInstance(IpfsFolders.class.getClassLoader(), new Class<?>[] {IpfsFolders.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("version")) {
                        return "stand-in";
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
