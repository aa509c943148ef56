package dev.comments.launch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * The settings of one server, typed: what a test, the bench or the local network sets, written
 * as {@code server.properties} (what an operator writes) or as the COMMENTS_* environment (what
 * the watcher hands its children). Only what is set is written; the rest keeps its default
 * ({@link Setting}). Every value is checked as Config checks it, when it is set.
 */
public final class ServerSettings {

    private final Map<Setting, String> values = new EnumMap<>(Setting.class);

    private ServerSettings() {
    }

    /** A server keeping its store and state in {@code dataDir}. */
    public static ServerSettings of(Path dataDir) {
        return new ServerSettings().with(Setting.DATA_DIR, dataDir.toAbsolutePath().toString());
    }

    public ServerSettings with(Setting setting, String value) {
        setting.check(value);
        values.put(setting, value);
        return this;
    }

    /** A value as given, unchecked: for the tests of how a part refuses a bad setting. */
    public ServerSettings withUnchecked(Setting setting, String value) {
        values.put(setting, value);
        return this;
    }

    public ServerSettings with(Setting setting, long value) {
        return with(setting, String.valueOf(value));
    }

    /** Listens on {@code host:port} and announces that address, as every local server does. */
    public ServerSettings http(String host, int port) {
        return with(Setting.HTTP_HOST, host).with(Setting.HTTP_PORT, port)
                .with(Setting.ANNOUNCE, "/ip4/" + host + "/tcp/" + port + "/http");
    }

    public ServerSettings ipfsApi(URI api) {
        return with(Setting.IPFS_API, api.toString());
    }

    public ServerSettings syncInterval(Duration interval) {
        return with(Setting.SYNC_INTERVAL_MS, interval.toMillis());
    }

    /** A rate limit no test or benchmark reaches, for those that post as fast as they can. */
    public ServerSettings withoutRateLimit() {
        return with(Setting.RATE_LIMIT_POSTS_PER_MINUTE, 100_000_000).with(Setting.RATE_LIMIT_BURST, 10_000_000);
    }

    /** An independent copy, to change for one process without changing these. */
    public ServerSettings copy() {
        ServerSettings copy = new ServerSettings();
        copy.values.putAll(values);
        return copy;
    }

    public String get(Setting setting) {
        return values.getOrDefault(setting, setting.defaultValue());
    }

    public Path dataDir() {
        return Path.of(get(Setting.DATA_DIR));
    }

    public String httpHost() {
        return get(Setting.HTTP_HOST);
    }

    public int httpPort() {
        return Integer.parseInt(get(Setting.HTTP_PORT));
    }

    /** The base URL of the server's API. */
    public URI base() {
        return URI.create("http://" + httpHost() + ":" + httpPort() + "/");
    }

    /** The settings set, as the environment the server and its agents read. */
    public Map<String, String> env() {
        Map<String, String> env = new LinkedHashMap<>();
        values.forEach((setting, value) -> env.put(setting.envName(), value));
        return env;
    }

    /** Gives a process exactly these settings: none inherited, these in its environment. */
    public ProcessBuilder applyTo(ProcessBuilder builder) {
        Setting.clearFrom(builder.environment());
        builder.environment().putAll(env());
        return builder;
    }

    /** Writes {@code server.properties} atomically (a temporary file, then a rename). */
    public Path writeProperties(Path file) {
        Properties properties = new Properties();
        values.forEach((setting, value) -> properties.setProperty(setting.key(), value));
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            try (var out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                properties.store(out, "settings of one comment server (docs/deploy.md)");
            }
            return Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    @Override
    public String toString() {
        return env().toString();
    }
}
