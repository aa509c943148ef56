package dev.comments.watcher.supervise;

import dev.comments.core.reports.ChildStatus;
import dev.comments.core.reports.WatcherStatus;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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

/** The restart rules on small real children: crash loops end in FAILED, exit 125 in GAVE_UP, leaks are restarted. */
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
    void aChildThatExitsWith125IsStartedOnceAndNeverAgainWhileTheOthersGoOn() throws Exception {
        Path starts = dir.resolve("starts");
        Policy policy = new Policy(Duration.ofMillis(200), Duration.ofSeconds(1), Duration.ofSeconds(2),
                Duration.ofMinutes(1), 3, Duration.ofMinutes(10), Duration.ofMinutes(10));
        ChildSpec steady = spec("steady", List.of("sleep", "600"), 0);
        ChildSpec quitter = spec("quitter", List.of("sh", "-c", "echo start >> " + starts + "; exit "
                + Event.PERMANENT_FAILURE_EXIT), 0);
        Path run = dir.resolve("run");
        try (Watching w = new Watching(new WatcherConfig(run, policy, List.of(steady, quitter)))) {
            await("the child gives up").atMost(Duration.ofSeconds(30))
                    .until(() -> w.child("quitter").state().equals("GAVE_UP"));
            long steadyPid = w.child("steady").pid();
            // A restart would come after the backoff of 1 s: five times that without one.
            await("no restart").during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(10))
                    .until(() -> w.child("quitter").starts() == 1 && w.child("quitter").state().equals("GAVE_UP"));
            ChildStatus s = w.child("quitter");
            assertEquals(1, Files.readAllLines(starts).size(), "started once");
            assertEquals(0, s.restarts());
            assertEquals(-1, s.pid());
            assertEquals("exited with code 125 (permanent failure: not restarted)", s.lastReason());
            assertFalse(Files.exists(run.resolve("quitter.pid")), "no pid file names it");
            await("status.json says so").atMost(Duration.ofSeconds(10))
                    .until(() -> state(run, "quitter").equals("GAVE_UP"));
            assertEquals("RUNNING", w.child("steady").state(), "the other child goes on");
            assertEquals(steadyPid, w.child("steady").pid());
            assertEquals(1, w.child("steady").starts());
        }
        assertEquals("GAVE_UP", state(run, "quitter"), "still said after the watcher stopped");
        assertEquals("STOPPED", state(run, "steady"));
    }

    private static String state(Path run, String child) throws java.io.IOException {
        return WatcherStatus.read(run.resolve(WatcherStatus.FILE_NAME)).children().stream()
                .filter(c -> c.name().equals(child)).findFirst().orElseThrow().state();
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
