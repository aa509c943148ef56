package dev.comments.sync.agent;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.comments.core.config.Config;
import dev.comments.core.reports.SyncHeartbeat;
import dev.comments.launch.ServerSettings;
import dev.comments.sync.config.SyncSettings;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent keeps the start/stop contract of every long-running part (Lifecycle). Its daemon
 * does not answer (nothing listens on port 1), so each round ends at once: daemon down.
 */
class SyncAgentLifecycleTest {

    @TempDir
    Path data;

    @Test
    void startsOnceRunsRoundsAndItsLoopThreadIsGoneWhenStopReturns() throws Exception {
        SyncAgent agent = open();
        agent.start();
        assertThrows(IllegalStateException.class, agent::start, "an agent starts once");
        await("a round beat the heartbeat").atMost(Duration.ofSeconds(10)).ignoreExceptions()
                .until(() -> SyncHeartbeat.read(agent.settings().heartbeatFile()).lastRound().isPresent());
        Thread other = Thread.ofPlatform().start(agent::stop);
        agent.stop();
        assertFalse(loopThreadAlive(), "the loop's thread is done when stop returns");
        other.join(Duration.ofSeconds(30));
        assertFalse(other.isAlive(), "the other caller returned too");
    }

    @Test
    void closedWithoutStartingItRunsRoundsOnlyWhenAsked() throws Exception {
        try (SyncAgent agent = open()) {
            agent.runRound();
        }
        assertFalse(loopThreadAlive());
    }

    @Test
    void stoppedBeforeItStartsItNeverStartsItsLoop() throws Exception {
        SyncAgent agent = open();
        agent.stop();
        agent.start();
        agent.stop();
        await("no loop").during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(2)).until(() -> !loopThreadAlive());
    }

    private SyncAgent open() throws Exception {
        ServerSettings settings = ServerSettings.of(data).ipfsApi(URI.create("http://127.0.0.1:1"))
                .syncInterval(Duration.ofMillis(100));
        return SyncAgent.open(SyncSettings.from(Config.load(null, settings.env())));
    }

    private static boolean loopThreadAlive() {
        return Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().equals("sync-loop") && t.isAlive());
    }
}
