package dev.comments.watcher.config;

import dev.comments.core.config.Config;
import dev.comments.core.config.Setting;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A whole server from the server's own configuration (docs/architecture.md, "Configuration"), so that
 * {@code java -jar watcher-agent.jar} with the server's settings starts it: kubo, then the
 * comment server on Payara Micro once kubo answers, then the sync agent once the server is
 * healthy. Binaries are found beside the watcher's jar unless the watcher.* settings name them.
 */
public final class DefaultChildren {

    /** Payara Micro starts its services one after another (see the server's command line). */
    public static final String PAYARA_STARTUP = "org.glassfish.startupThreadPolicy=USE_NO_THREADS";
    /** The comment store flushes a group commit with one syncfs, a native call (docs/adr/008-hot-paths.md). */
    public static final String NATIVE_ACCESS = "--enable-native-access=ALL-UNNAMED";

    private DefaultChildren() {
    }

    public static WatcherConfig from(Config config, Path home) throws IOException {
        Path data = config.dataDir().toAbsolutePath();
        Path runDir = config.watcherRunDir();
        Path logs = data.resolve("logs");
        Files.createDirectories(logs);
        Map<String, String> serverEnv = serverEnv(config, data);
        List<ChildSpec> children = new ArrayList<>();

        String rpc = config.ipfsApi().toString();
        children.add(new ChildSpec("kubo", List.of(path(config, Setting.WATCHER_IPFS, home, "ipfs"), "daemon"),
                // kubo's own log records as JSON lines, which the watcher turns into our log format.
                data, Map.of("IPFS_PATH", data.resolve("ipfs").toString(), "GOLOG_LOG_FMT", "json"), logs.resolve("kubo.log"),
                new ProbeSpec(ProbeSpec.Type.KUBO, rpc, Duration.ofSeconds(5), 3, Duration.ZERO, Duration.ofSeconds(5)),
                mib(config, Setting.WATCHER_KUBO_MEMORY_MB), 3, Duration.ofSeconds(60), Duration.ofSeconds(15),
                Duration.ofMillis(Long.parseLong(config.get(Setting.WATCHER_KUBO_RESTART_EVERY_MS))), null));

        Path payaraDir = data.resolve("payara");
        Path preboot = writePreboot(payaraDir, config.httpHost());
        Path logging = payaraDir.resolve("logging.properties");
        Files.writeString(logging, resource("logging.properties"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String base = "http://" + config.httpHost() + ":" + config.httpPort();
        // Single-threaded start-up: Payara's parallel one can deadlock in HK2 (ADR 002, "Start-up").
        children.add(new ChildSpec("server", List.of(java, "-Xmx512m", "-D" + PAYARA_STARTUP, NATIVE_ACCESS, "-jar",
                path(config, Setting.WATCHER_PAYARA_JAR, home, "payara-micro.jar"),
                "--deploy", path(config, Setting.WATCHER_WAR, home, "server-war.war"), "--contextroot", "/",
                // --nohazelcast alone: Payara takes --nocluster instead of it, and then still starts
                // Hazelcast, listening on every interface (*:6900).
                "--port", String.valueOf(config.httpPort()), "--nohazelcast",
                "--rootdir", payaraDir.resolve("root").toString(), "--prebootcommandfile", preboot.toString(),
                "--logproperties", logging.toString()),
                data, serverEnv, logs.resolve("payara.log"),
                new ProbeSpec(ProbeSpec.Type.HTTP, base + "/health", Duration.ofSeconds(5), 3, Duration.ZERO, Duration.ofSeconds(5)),
                mib(config, Setting.WATCHER_SERVER_MEMORY_MB), 3, Duration.ofSeconds(180), Duration.ofSeconds(20),
                Duration.ZERO, payaraDir.resolve("root")));

        Path syncJar = Path.of(path(config, Setting.WATCHER_SYNC_JAR, home, "sync-agent.jar"));
        if (Files.isRegularFile(syncJar)) {
            Duration interval = config.syncInterval();
            children.add(new ChildSpec("sync", List.of(java, "-Xmx256m", "-jar", syncJar.toString()), data, serverEnv,
                    logs.resolve("sync-agent.log"),
                    new ProbeSpec(ProbeSpec.Type.HEARTBEAT, config.syncHeartbeatFile().toString(),
                            Duration.ofSeconds(1), 1, interval.multipliedBy(3).plusSeconds(30), Duration.ofSeconds(5)),
                    mib(config, Setting.WATCHER_SYNC_MEMORY_MB), 3, Duration.ofSeconds(60), Duration.ofSeconds(10),
                    Duration.ZERO, null));
        }
        return new WatcherConfig(runDir, Policy.defaults(), children);
    }

    /** The server and its agents read the same settings; hand them over explicitly. */
    private static Map<String, String> serverEnv(Config config, Path data) {
        Map<String, String> env = new HashMap<>();
        for (Setting s : Setting.values()) {
            env.put(s.envName(), config.get(s));
        }
        env.put(Setting.DATA_DIR.envName(), data.toString());
        return env;
    }

    /** Payara's preboot commands (shipped in this jar from server-war), bound to the server's address. */
    private static Path writePreboot(Path payaraDir, String host) throws IOException {
        Files.createDirectories(payaraDir);
        String listener = "set configs.config.server-config.network-config.network-listeners.network-listener.";
        Path preboot = payaraDir.resolve("preboot.txt");
        Files.writeString(preboot, listener + "http-listener.address=" + host + "\n"
                + listener + "https-listener.address=" + host + "\n" + resource("preboot-common.txt"));
        return preboot;
    }

    /** A file of server-war's src/main/payara, shipped in this jar. */
    private static String resource(String name) throws IOException {
        try (InputStream in = DefaultChildren.class.getResourceAsStream("/payara/" + name)) {
            if (in == null) {
                throw new IOException(name + " is missing from the watcher's jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String path(Config config, Setting setting, Path home, String file) {
        String configured = config.get(setting);
        return configured.isBlank() ? home.resolve(file).toString() : configured;
    }

    private static long mib(Config config, Setting setting) {
        return Long.parseLong(config.get(setting)) * 1024 * 1024;
    }
}
