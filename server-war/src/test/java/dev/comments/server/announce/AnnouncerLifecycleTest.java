package dev.comments.server.announce;

import static dev.comments.server.testing.ManagedStandIns.scheduler;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.comments.core.config.Config;
import dev.comments.launch.ServerSettings;
import dev.comments.server.ipfs.IpfsFolders;
import dev.comments.server.ipfs.IpfsUnavailableException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The announcer keeps the start/stop contract of every long-running part (Lifecycle). */
class AnnouncerLifecycleTest {

    @TempDir
    Path data;

    private final ScheduledExecutorService plain = Executors.newSingleThreadScheduledExecutor();
    private final CountDownLatch release = new CountDownLatch(1);
    private final AtomicInteger announcements = new AtomicInteger();

    @AfterEach
    void shutDown() {
        plain.shutdownNow();
    }

    @Test
    void startsOnceAndStopReturnsOnlyOnceTheAnnouncementInProgressHasEnded() throws Exception {
        Announcer announcer = announcer();
        announcer.start();
        assertThrows(IllegalStateException.class, announcer::start, "an announcer starts once");
        await("an announcement at start").atMost(Duration.ofSeconds(5)).until(() -> announcements.get() == 1);
        Thread stopper = Thread.ofPlatform().start(announcer::stop);
        await("stop waits for it").during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(5))
                .until(stopper::isAlive);
        release.countDown();
        await("then returns").atMost(Duration.ofSeconds(5)).until(() -> !stopper.isAlive());
        announcer.stop();
    }

    @Test
    void stoppedBeforeItStartsItNeverAnnounces() throws Exception {
        Announcer announcer = announcer();
        announcer.stop();
        announcer.start();
        announcer.stop();
        await("no announcement").during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2))
                .until(() -> announcements.get() == 0);
    }

    private Announcer announcer() throws Exception {
        Announcer announcer = new Announcer();
        announcer.scheduler = scheduler(plain);
        announcer.config = Config.load(null, ServerSettings.of(data).env());
        announcer.ipfs = heldDaemon();
        return announcer;
    }

    /** A daemon whose first call waits for the test, then fails: the announcer backs off. */
    private IpfsFolders heldDaemon() {
        return (IpfsFolders) Proxy.newProxyInstance(IpfsFolders.class.getClassLoader(), new Class<?>[] {IpfsFolders.class},
                (proxy, method, args) -> {
                    announcements.incrementAndGet();
                    release.await();
                    throw new IpfsUnavailableException("a stand-in", null);
                });
    }
}
