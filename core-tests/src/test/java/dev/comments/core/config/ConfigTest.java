package dev.comments.core.config;

import dev.comments.launch.Setting;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.comments.core.network.NetworkId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigTest {

    @TempDir
    Path dir;

    @Test
    void defaultsRunTheFirstLocalServerWithNoFile() throws Exception {
        Config c = Config.load(Map.of());
        assertEquals("127.0.0.2", c.httpHost());
        assertEquals(8000, c.httpPort());
        assertEquals("http://127.0.0.2:5001", c.ipfsApi().toString());
        assertEquals(NetworkId.defaultNetwork(), c.networkId());
        assertEquals(Duration.ofSeconds(30), c.syncInterval());
        assertEquals(List.of(), c.staticPeers());
    }

    @Test
    void theFileOverridesDefaultsAndTheEnvironmentOverridesTheFile() throws Exception {
        Path file = dir.resolve("server.properties");
        Files.writeString(file, "data.dir=/var/lib/comments\nhttp.port=9000\nsync.static.peers=http://127.0.0.3:8000, http://127.0.0.4:8000\n");
        Config c = Config.load(Map.of("COMMENTS_CONFIG", file.toString(), "COMMENTS_HTTP_PORT", "9100"));
        assertEquals(Path.of("/var/lib/comments"), c.dataDir());
        assertEquals(9100, c.httpPort());
        assertEquals(List.of("http://127.0.0.3:8000", "http://127.0.0.4:8000"), c.staticPeers());
    }

    @Test
    void systemPropertiesSitBetweenTheFileAndTheEnvironment() throws Exception {
        Path file = dir.resolve("server.properties");
        Files.writeString(file, "http.port=9000\nhttp.host=127.0.0.9\n");
        java.util.Properties system = new java.util.Properties();
        system.setProperty("comments.http.port", "9200");
        system.setProperty("comments.http.host", "127.0.0.8");
        Config c = Config.load(file, system, Map.of("COMMENTS_HTTP_HOST", "127.0.0.7"));
        assertEquals(9200, c.httpPort());
        assertEquals("127.0.0.7", c.httpHost());
    }

    @Test
    void environmentNamesFollowTheKeys() {
        assertEquals("COMMENTS_DATA_DIR", Setting.DATA_DIR.envName());
        assertEquals("COMMENTS_RATELIMIT_POSTS_PER_MINUTE", Setting.RATE_LIMIT_POSTS_PER_MINUTE.envName());
    }

    @Test
    void anUnknownKeyInTheFileIsAnErrorNotIgnored() throws Exception {
        Path file = dir.resolve("server.properties");
        Files.writeString(file, "http.prot=9000\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Config.load(file, Map.of()));
        assertTrue(e.getMessage().contains("http.prot"));
    }

    @Test
    void badValuesAreRefusedWithTheSettingNamed() {
        IllegalArgumentException port = assertThrows(IllegalArgumentException.class,
                () -> Config.load(Map.of("COMMENTS_HTTP_PORT", "70000")));
        assertTrue(port.getMessage().contains("COMMENTS_HTTP_PORT"), port.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Config.load(Map.of("COMMENTS_NETWORK_ID", "xyz")));
        assertThrows(IllegalArgumentException.class, () -> Config.load(Map.of("COMMENTS_IPFS_API", "ftp://x")));
        assertThrows(IllegalArgumentException.class, () -> Config.load(Map.of("COMMENTS_SYNC_INTERVAL_MS", "0")));
    }
}
