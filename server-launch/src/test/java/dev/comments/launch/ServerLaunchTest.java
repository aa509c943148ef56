package dev.comments.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerLaunchTest {

    @TempDir
    Path dir;

    @Test
    void theServerRunsWithEveryServerJvmOptionAndItsListenersOnItsOwnAddressOnly() throws Exception {
        ProcessLaunch server = ServerLaunch.server(Path.of("/opt/payara-micro.jar"), Path.of("/opt/server-war.war"),
                "127.0.9.1", 8123, dir);
        List<String> command = server.command();
        assertEquals(ServerLaunch.SERVER_JVM, command.subList(1, 1 + ServerLaunch.SERVER_JVM.size()));
        assertTrue(command.containsAll(List.of("--port", "8123", "--nohazelcast", "--contextroot", "/")), command.toString());
        assertEquals(ServerLaunch.payaraRoot(dir).toString(), command.get(command.indexOf("--rootdir") + 1));
        String preboot = Files.readString(Path.of(command.get(command.indexOf("--prebootcommandfile") + 1)));
        assertTrue(preboot.contains("http-listener.address=127.0.9.1\n"), preboot);
        assertTrue(preboot.contains("https-listener.address=127.0.9.1\n"), preboot);
        assertTrue(preboot.contains("microprofile-metrics-configuration.enabled=false"), "the common commands follow: " + preboot);
        assertTrue(Files.size(Path.of(command.get(command.indexOf("--logproperties") + 1))) > 0);
    }

    @Test
    void kuboLogsJsonInItsOwnRepository() {
        ProcessLaunch kubo = ServerLaunch.kubo(Path.of("/bin/ipfs"), dir);
        assertEquals(List.of("/bin/ipfs", "daemon"), kubo.command());
        assertEquals(dir.toString(), kubo.env().get("IPFS_PATH"));
        assertEquals("json", kubo.env().get("GOLOG_LOG_FMT"));
    }

    @Test
    void settingsBecomeTheEnvironmentAndServerPropertiesUnderTheirOwnNames() throws Exception {
        ServerSettings settings = ServerSettings.of(dir.resolve("data")).http("127.0.9.2", 8001).withoutRateLimit();
        assertEquals("127.0.9.2", settings.env().get("COMMENTS_HTTP_HOST"));
        assertEquals("/ip4/127.0.9.2/tcp/8001/http", settings.env().get("COMMENTS_ANNOUNCE"));
        assertEquals("http://127.0.9.2:8001/", settings.base().toString());

        Path file = settings.writeProperties(dir.resolve("server.properties"));
        Properties written = new Properties();
        try (Reader in = Files.newBufferedReader(file)) {
            written.load(in);
        }
        assertEquals("8001", written.getProperty("http.port"));
        assertEquals(dir.resolve("data").toAbsolutePath().toString(), written.getProperty("data.dir"));
        assertEquals(settings.env().size(), written.size(), "only what was set is written");
    }

    @Test
    void aBadValueIsRefusedWhenItIsSet() {
        ServerSettings settings = ServerSettings.of(dir);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> settings.with(Setting.HTTP_PORT, 70000));
        assertTrue(e.getMessage().contains("port"), e.getMessage());
        assertEquals("8000", settings.get(Setting.HTTP_PORT), "and changes nothing");
    }
}
