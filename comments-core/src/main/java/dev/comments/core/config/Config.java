package dev.comments.core.config;

import dev.comments.core.network.NetworkId;
import dev.comments.launch.Setting;
import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The configuration of one server and its agents (docs/architecture.md, "Configuration"): defaults, then one
 * {@code server.properties}, then Java system properties named {@code comments.<key>}
 * (Payara Micro's {@code --systemproperties}), then environment variables, the last one winning.
 * A key {@code data.dir} is overridden by {@code COMMENTS_DATA_DIR}: upper case,
 * dots to underscores, prefixed with COMMENTS_. The file is found at
 * {@code COMMENTS_CONFIG} or given explicitly; without it the defaults run a local server.
 */
public final class Config {

    private final Properties values;

    private Config(Properties values) {
        this.values = values;
    }

    /** Defaults, then the file named by COMMENTS_CONFIG (if any), then the process environment. */
    public static Config load() throws IOException {
        return load(System.getenv());
    }

    public static Config load(Map<String, String> env) throws IOException {
        String file = env.getOrDefault(Setting.CONFIG_FILE_ENV, System.getProperty(Setting.CONFIG_FILE_PROPERTY));
        return load(file == null || file.isBlank() ? null : Path.of(file), env);
    }

    /** Every setting at its default: what a component falls back to when nobody configured it. */
    public static Config defaults() {
        try {
            return load(null, new Properties(), Map.of());
        } catch (IOException e) {
            throw new IllegalStateException("no file is read", e);
        }
    }

    public static Config load(Path file, Map<String, String> env) throws IOException {
        return load(file, System.getProperties(), env);
    }

    static Config load(Path file, Properties system, Map<String, String> env) throws IOException {
        Properties merged = new Properties();
        for (Setting s : Setting.values()) {
            merged.setProperty(s.key(), s.defaultValue());
        }
        if (file != null) {
            Properties fromFile = new Properties();
            try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                fromFile.load(reader);
            }
            for (String key : fromFile.stringPropertyNames()) {
                Setting.of(key); // refuses unknown keys: a typo must not be silently ignored
                merged.setProperty(key, fromFile.getProperty(key).strip());
            }
        }
        for (Setting s : Setting.values()) {
            String v = system.getProperty("comments." + s.key());
            if (v != null) {
                merged.setProperty(s.key(), v.strip());
            }
        }
        for (Setting s : Setting.values()) {
            String v = env.get(s.envName());
            if (v != null) {
                merged.setProperty(s.key(), v.strip());
            }
        }
        Config config = new Config(merged);
        config.validate();
        return config;
    }

    public String get(Setting s) {
        return values.getProperty(s.key());
    }

    public Path dataDir() {
        return Path.of(get(Setting.DATA_DIR));
    }

    /** The sync agent's heartbeat ({@code sync.heartbeat.file}, or {@code <data.dir>/sync-agent.heartbeat}). */
    public Path syncHeartbeatFile() {
        String file = get(Setting.SYNC_HEARTBEAT_FILE);
        return (file.isBlank() ? dataDir().resolve("sync-agent.heartbeat") : Path.of(file)).toAbsolutePath();
    }

    /** The folder of the watcher's pid files and its status ({@code <data.dir>/watcher}). */
    public Path watcherRunDir() {
        return dataDir().toAbsolutePath().resolve("watcher");
    }

    public String httpHost() {
        return get(Setting.HTTP_HOST);
    }

    public int httpPort() {
        return integer(Setting.HTTP_PORT);
    }

    public URI ipfsApi() {
        return URI.create(get(Setting.IPFS_API));
    }

    public NetworkId networkId() {
        return NetworkId.ofHex(get(Setting.NETWORK_ID));
    }

    public List<String> announce() {
        return list(Setting.ANNOUNCE);
    }

    public Duration syncInterval() {
        return millis(Setting.SYNC_INTERVAL_MS);
    }

    public List<String> staticPeers() {
        return list(Setting.SYNC_STATIC_PEERS);
    }

    /** A {@code *.ms} setting as a duration. */
    public Duration millis(Setting s) {
        return Duration.ofMillis(Long.parseLong(get(s)));
    }

    public int integer(Setting s) {
        return Integer.parseInt(get(s));
    }

    public List<String> list(Setting s) {
        String v = get(s);
        return v.isBlank() ? List.of() : List.of(v.split("\\s*,\\s*"));
    }

    private void validate() {
        for (Setting s : Setting.values()) {
            try {
                s.check(get(s));
                if (s == Setting.NETWORK_ID) {
                    networkId(); // NetworkId owns the id's form
                }
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("setting " + s.key() + " (or " + s.envName() + "): " + e.getMessage(), e);
            }
        }
    }
}
