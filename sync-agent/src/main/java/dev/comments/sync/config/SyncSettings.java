package dev.comments.sync.config;

import dev.comments.core.config.Config;
import dev.comments.launch.Setting;
import dev.comments.core.network.NetworkId;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What the sync agent reads from the server's configuration (docs/architecture.md, "Configuration"), checked once at
 * start. Every value has its one default in {@link Setting}.
 *
 * @param ownUrl this server's own HTTP API, never synced with
 * @param stampMinBits entries whose id has a weaker stamp are never fetched (docs/protocol.md §3.9)
 */
public record SyncSettings(
        Path dataDir,
        URI ipfsApi,
        NetworkId networkId,
        URI ownUrl,
        Duration interval,
        List<URI> staticPeers,
        Path heartbeatFile,
        Path stateFile,
        int maxPeers,
        int maxProviders,
        int maxBlocksPerPeer,
        Duration roundDeadline,
        Duration timeout,
        Duration backoffMax,
        long diskFreeMinMib,
        List<URI> withheldFollow,
        Duration withheldFollowInterval,
        int stampMinBits) {

    /** The state file's name in the data folder (per-peer last seen CIDs; losing it is harmless). */
    public static final String STATE_FILE = "sync-agent.state.json";

    public SyncSettings {
        staticPeers = List.copyOf(staticPeers);
        withheldFollow = List.copyOf(withheldFollow);
    }

    /** Reads and checks the settings; a wrong value is an IllegalArgumentException naming the setting. */
    public static SyncSettings from(Config config) {
        Path data = config.dataDir().toAbsolutePath();
        return new SyncSettings(
                data,
                config.ipfsApi(),
                config.networkId(),
                URI.create("http://" + config.httpHost() + ":" + config.httpPort() + "/"),
                config.syncInterval(),
                staticPeers(config.staticPeers()),
                config.syncHeartbeatFile(),
                data.resolve(STATE_FILE),
                config.integer(Setting.SYNC_MAX_PEERS),
                config.integer(Setting.SYNC_MAX_PROVIDERS),
                config.integer(Setting.SYNC_MAX_BLOCKS_PER_PEER),
                config.millis(Setting.SYNC_ROUND_DEADLINE_MS),
                config.millis(Setting.SYNC_TIMEOUT_MS),
                config.millis(Setting.SYNC_BACKOFF_MAX_MS),
                config.integer(Setting.DISK_FREE_MIN_MB),
                urls(Setting.WITHHELD_FOLLOW, config.list(Setting.WITHHELD_FOLLOW)),
                config.millis(Setting.WITHHELD_FOLLOW_INTERVAL_MS),
                config.integer(Setting.STAMP_MIN_BITS));
    }

    /** The lists followed: http(s) URLs, at most {@link #MAX_FOLLOWED} (each is fetched and held whole). */
    public static final int MAX_FOLLOWED = 16;

    private static List<URI> urls(Setting setting, List<String> values) {
        if (values.size() > MAX_FOLLOWED) {
            throw new IllegalArgumentException("setting " + setting.key() + ": at most " + MAX_FOLLOWED + " lists");
        }
        List<URI> urls = new ArrayList<>();
        for (String value : values) {
            URI url = URI.create(value);
            if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme()) || url.getHost() == null) {
                throw new IllegalArgumentException("setting " + setting.key() + " (or " + setting.envName()
                        + "): a list is an http:// or https:// URL, not " + value);
            }
            urls.add(url);
        }
        return urls;
    }

    /** A peer's base URL in the one spelling the agent keys its tables by: scheme://host:port/. */
    public static URI normalize(URI url) {
        String scheme = url.getScheme();
        if (!"http".equals(scheme) && !"https".equals(scheme) || url.getHost() == null) {
            throw new IllegalArgumentException("a peer is an http:// or https:// base URL, not " + url);
        }
        int port = url.getPort() != -1 ? url.getPort() : "https".equals(scheme) ? 443 : 80;
        return URI.create(scheme + "://" + url.getRawAuthority().replaceFirst(":\\d+$", "") + ":" + port + "/");
    }

    private static List<URI> staticPeers(List<String> values) {
        List<URI> peers = new ArrayList<>();
        for (String value : values) {
            try {
                peers.add(normalize(URI.create(value)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("setting " + Setting.SYNC_STATIC_PEERS.key() + " (or "
                        + Setting.SYNC_STATIC_PEERS.envName() + "): " + e.getMessage(), e);
            }
        }
        return peers;
    }
}
