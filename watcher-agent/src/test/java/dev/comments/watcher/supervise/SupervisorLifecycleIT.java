package dev.comments.watcher.supervise;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.comments.watcher.config.ChildSpec;
import dev.comments.watcher.config.Policy;
import dev.comments.watcher.config.ProbeSpec;
import dev.comments.watcher.config.WatcherConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The supervisor keeps the start/stop contract of every long-running part (Lifecycle). */
class SupervisorLifecycleIT {

    @TempDir
    Path dir;

    @Test
    void startsOnceAndStopsFromAnyThreadAnyNumberOfTimesWithItsChildrenGoneOnReturn() throws Exception {
        Supervisor supervisor = new Supervisor(config());
        supervisor.start();
        assertThrows(IllegalStateException.class, supervisor::start, "a supervisor starts once");
        await("the child runs").atMost(Duration.ofSeconds(30)).until(() -> supervisor.statuses().getFirst().running());
        long pid = supervisor.statuses().getFirst().pid();

        Thread other = new Thread(supervisor::stop, "another-stop");
        other.start();
        supervisor.stop();
        assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "stopped when stop returns");
        other.join(Duration.ofSeconds(30));
        assertFalse(other.isAlive(), "the other caller returned too");
        assertEquals("STOPPED", supervisor.statuses().getFirst().state());
        supervisor.stop();
    }

    @Test
    void stoppedBeforeItStartsItNeverStartsAChild() throws Exception {
        Supervisor supervisor = new Supervisor(config());
        supervisor.stop();
        supervisor.start();
        supervisor.awaitStopped();
        // Five check intervals: a tick, had there been one, would have started the child.
        await("no start").during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
                .until(() -> supervisor.statuses().getFirst().starts() == 0);
    }

    private WatcherConfig config() {
        Policy policy = new Policy(Duration.ofMillis(200), Duration.ofSeconds(1), Duration.ofSeconds(2),
                Duration.ofMinutes(1), 3, Duration.ofMinutes(10), Duration.ofMinutes(10));
        ChildSpec sleeper = new ChildSpec("sleeper", List.of("sleep", "600"), dir, Map.of(), dir.resolve("sleeper.log"),
                ProbeSpec.none(), 0, 2, Duration.ofSeconds(10), Duration.ofSeconds(5), Duration.ZERO, null);
        return new WatcherConfig(dir.resolve("run"), policy, List.of(sleeper));
    }
}
