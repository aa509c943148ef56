package dev.comments.sync.testing;

import dev.comments.core.config.Config;
import dev.comments.core.kubo.KuboDaemon;
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

    /** The environment of an agent with its store in {@code data} and its daemon {@code local}; short interval and backoff. */
    public static Map<String, String> env(Path data, KuboDaemon local, NetworkId network) {
        Map<String, String> env = new HashMap<>();
        env.put("COMMENTS_DATA_DIR", data.toString());
        env.put("COMMENTS_IPFS_API", local.api().toString());
        env.put("COMMENTS_NETWORK_ID", network.hex());
        env.put("COMMENTS_HTTP_HOST", local.ip());
        env.put("COMMENTS_SYNC_INTERVAL_MS", "1000");
        env.put("COMMENTS_SYNC_BACKOFF_MAX_MS", "2000");
        env.put("COMMENTS_SYNC_TIMEOUT_MS", "5000");
        return env;
    }

    public static SyncAgent open(Map<String, String> env) {
        try {
            return SyncAgent.open(SyncSettings.from(Config.load(null, env)));
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
