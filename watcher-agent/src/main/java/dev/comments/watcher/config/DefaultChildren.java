package dev.comments.watcher.config;

import dev.comments.core.config.Config;
import dev.comments.launch.ProcessLaunch;
import dev.comments.launch.ServerLaunch;
import dev.comments.launch.Setting;
import java.io.IOException;
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
 * Command lines come from {@link ServerLaunch}, the one launch definition; probes and limits are the watcher's.
 */
public final class DefaultChildren {

    private DefaultChildren() {
    }

    public static WatcherConfig from(Config config, Path home) throws IOException {
        Path data = config.dataDir().toAbsolutePath();
        Path runDir = config.watcherRunDir();
        Path logs = data.resolve("logs");
        Files.createDirectories(logs);
        Map<String, String> serverEnv = serverEnv(config, data);
        List<ChildSpec> children = new ArrayList<>();
        Duration probeTimeout = config.millis(Setting.WATCHER_PROBE_TIMEOUT_MS);

        ProcessLaunch kubo = ServerLaunch.kubo(Path.of(path(config, Setting.WATCHER_IPFS, home, "ipfs")), data.resolve("ipfs"));
        children.add(new ChildSpec(kubo.name(), kubo.command(), data, kubo.env(), logs.resolve("kubo.log"),
                new ProbeSpec(ProbeSpec.Type.KUBO, config.ipfsApi().toString(), probeTimeout, 3, Duration.ZERO, Duration.ofSeconds(5)),
                mib(config, Setting.WATCHER_KUBO_MEMORY_MB), 3, Duration.ofSeconds(60), Duration.ofSeconds(15),
                config.millis(Setting.WATCHER_KUBO_RESTART_EVERY_MS), null));

        Path payaraDir = data.resolve("payara");
        ProcessLaunch server = ServerLaunch.server(Path.of(path(config, Setting.WATCHER_PAYARA_JAR, home, "payara-micro.jar")),
                Path.of(path(config, Setting.WATCHER_WAR, home, "server-war.war")), config.httpHost(), config.httpPort(), payaraDir);
        String base = "http://" + config.httpHost() + ":" + config.httpPort();
        children.add(new ChildSpec(server.name(), server.command(), data, serverEnv, logs.resolve("payara.log"),
                new ProbeSpec(ProbeSpec.Type.HTTP, base + "/health", probeTimeout, 3, Duration.ZERO, Duration.ofSeconds(5)),
                mib(config, Setting.WATCHER_SERVER_MEMORY_MB), 3, Duration.ofSeconds(180), Duration.ofSeconds(20),
                Duration.ZERO, ServerLaunch.payaraRoot(payaraDir)));

        Path syncJar = Path.of(path(config, Setting.WATCHER_SYNC_JAR, home, "sync-agent.jar"));
        if (Files.isRegularFile(syncJar)) {
            ProcessLaunch sync = ServerLaunch.syncAgent(syncJar);
            Duration interval = config.syncInterval();
            children.add(new ChildSpec(sync.name(), sync.command(), data, serverEnv, logs.resolve("sync-agent.log"),
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

    private static String path(Config config, Setting setting, Path home, String file) {
        String configured = config.get(setting);
        return configured.isBlank() ? home.resolve(file).toString() : configured;
    }

    private static long mib(Config config, Setting setting) {
        return Long.parseLong(config.get(setting)) * 1024 * 1024;
    }
}
