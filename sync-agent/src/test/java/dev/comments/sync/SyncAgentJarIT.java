package dev.comments.sync;

import dev.comments.launch.Setting;
import dev.comments.launch.ServerSettings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.comments.core.reports.SyncHeartbeat;
import dev.comments.core.reports.SyncRoundFigures;
import dev.comments.testkit.agents.AgentProcess;
import dev.comments.sync.testing.Agents;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The shipped jar: its documented exit codes, and a round with no daemon is a logged round, not a crash. */
class SyncAgentJarIT {

    @Test
    void exitCodesAreTheDocumentedOnes() throws Exception {
        Path dir = Agents.freshDir("jar");
        ServerSettings env = ServerSettings.of(dir.resolve("data")).ipfsApi(java.net.URI.create("http://127.0.40.9:9"))
                .with(Setting.SYNC_TIMEOUT_MS, 2000);

        assertEquals(0, new AgentProcess(dir.resolve("help.log"), env).run("--help"));
        assertEquals(100, new AgentProcess(dir.resolve("usage.log"), env).run("--bogus"));
        AgentProcess badSetting = new AgentProcess(dir.resolve("config.log"),
                ServerSettings.of(dir.resolve("data")).withUnchecked(Setting.SYNC_INTERVAL_MS, "0"));
        assertEquals(100, badSetting.run());
        assertTrue(badSetting.output().contains("event=config-error"), badSetting.output());

        Files.writeString(dir.resolve("not-a-folder"), "x");
        AgentProcess noStore = new AgentProcess(dir.resolve("store.log"),
                ServerSettings.of(dir.resolve("not-a-folder")));
        assertEquals(111, noStore.run("--once"));
        assertTrue(noStore.output().contains("event=start-failed"), noStore.output());

        AgentProcess once = new AgentProcess(dir.resolve("once.log"), env);
        assertEquals(0, once.run("--once"));
        assertTrue(once.output().contains("event=sync-round round=1 daemon=down"), once.output());
        SyncHeartbeat heartbeat = SyncHeartbeat.read(dir.resolve("data/sync-agent.heartbeat"));
        SyncRoundFigures round = heartbeat.lastRound().orElseThrow();
        assertEquals(1, round.round(), heartbeat.toString());
        assertFalse(round.daemonUp(), heartbeat.toString());
    }
}
