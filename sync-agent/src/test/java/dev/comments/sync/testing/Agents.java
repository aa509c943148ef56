package dev.comments.sync.testing;

import java.time.Duration;
import dev.comments.launch.Setting;
import dev.comments.launch.ServerSettings;
import dev.comments.core.config.Config;
import dev.comments.testkit.kubo.KuboDaemon;
import dev.comments.core.network.NetworkId;
import dev.comments.sync.agent.SyncAgent;
import dev.comments.sync.config.SyncSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.stream.Stream;

/** In-process agents and the bits every sync test needs. */
public final class Agents {

    private Agents() {
    }

    /** A network of its own for each test, so no other daemon on the machine can answer for it. */
    public static NetworkId freshNetwork() {
        byte[] id = new byte[32];
        new SecureRandom().nextBytes(id);
        return NetworkId.ofHex(HexFormat.of().formatHex(id));
    }

    /**
     * The environment of an agent with its store in {@code data} and its daemon {@code local}; short
     * interval and backoff, and a new peer's budget of 2,000 blocks (an eighth of the most), so that
     * a test's first round takes a whole small tree; the budgets themselves are SybilFleetIT's.
     */
    public static ServerSettings env(Path data, KuboDaemon local, NetworkId network) {
        return ServerSettings.of(data).ipfsApi(local.api()).with(Setting.NETWORK_ID, network.hex())
                .with(Setting.HTTP_HOST, local.ip()).syncInterval(Duration.ofSeconds(1))
                .with(Setting.SYNC_BACKOFF_MAX_MS, 2000).with(Setting.SYNC_TIMEOUT_MS, 5000)
                .with(Setting.SYNC_MAX_BLOCKS_PER_PEER, 16_000);
    }

    public static SyncAgent open(ServerSettings settings) {
        try {
            return SyncAgent.open(SyncSettings.from(Config.load(null, settings.env())));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code target/it-data/<name>}, emptied. */
    public static Path freshDir(String name) {
        Path dir = Path.of("target/it-data").resolve(name).toAbsolutePath();
        try {
            if (Files.exists(dir)) {
                try (Stream<Path> walk = Files.walk(dir)) {
                    for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                        Files.deleteIfExists(p);
                    }
                }
            }
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
