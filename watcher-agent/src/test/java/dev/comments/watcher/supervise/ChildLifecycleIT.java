package dev.comments.watcher.supervise;

import dev.comments.core.reports.ChildStatus;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.comments.watcher.config.ChildSpec;
import dev.comments.watcher.config.Policy;
import dev.comments.watcher.config.ProbeSpec;
import dev.comments.watcher.config.WatcherConfig;
import dev.comments.watcher.testing.GrowingChild;
import dev.comments.watcher.testing.Watching;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The restart rules on small real children: crash loops end in FAILED, leaks are restarted. */
class ChildLifecycleIT {

    @TempDir
    Path dir;

    @Test
    void aChildThatExitsAtOnceEveryTimeEndsFailedAfterKRestartsWithBackoff() throws Exception {
        Path starts = dir.resolve("starts");
        Policy policy = new Policy(Duration.ofMillis(200), Duration.ofSeconds(1), Duration.ofSeconds(2),
                Duration.ofMinutes(1), 3, Duration.ofMinutes(10), Duration.ofMinutes(10));
        ChildSpec crasher = spec("crasher", List.of("sh", "-c", "echo start >> " + starts + "; exit 3"), 0);
        try (Watching w = new Watching(new WatcherConfig(dir.resolve("run"), policy, List.of(crasher)))) {
            await("the crash loop is given up").atMost(Duration.ofSeconds(60))
                    .until(() -> w.child("crasher").state().equals("FAILED"));
            ChildStatus s = w.child("crasher");
            assertEquals(4, Files.readAllLines(starts).size(), "one start and three restarts, then no more");
            assertEquals(4, s.starts());
            assertEquals("exited with code 3", s.lastReason());
            assertEquals(-1, s.pid());
        }
    }

    @Test
    void aChildThatGrowsPastItsMemoryLimitIsRestarted() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ChildSpec leaky = spec("leaky", List.of(java, "-Xmx1g", "-cp", System.getProperty("java.class.path"),
                GrowingChild.class.getName()), 200L * 1024 * 1024);
        Policy policy = new Policy(Duration.ofMillis(300), Duration.ofSeconds(1), Duration.ofSeconds(2),
                Duration.ofMinutes(1), 5, Duration.ofMinutes(10), Duration.ofMinutes(10));
        try (Watching w = new Watching(new WatcherConfig(dir.resolve("run"), policy, List.of(leaky)))) {
            await("the leak is noticed and the child restarted").atMost(Duration.ofSeconds(90))
                    .until(() -> w.child("leaky").starts() >= 2);
            assertTrue(w.child("leaky").lastReason().startsWith("memory: resident"), w.child("leaky").lastReason());
        }
    }

    private ChildSpec spec(String name, List<String> command, long memoryLimit) {
        return new ChildSpec(name, command, dir, Map.of(), dir.resolve(name + ".log"), ProbeSpec.none(), memoryLimit, 2,
                Duration.ofSeconds(10), Duration.ofSeconds(5), Duration.ZERO, null);
    }
}
