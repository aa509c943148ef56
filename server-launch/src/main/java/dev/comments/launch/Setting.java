package dev.comments.launch;

import java.net.URI;
import java.util.Locale;
import java.util.Map;

/**
 * Every setting of a server and its agents, with its one default; the defaults run server 1 of
 * the local network. Here, below the core, so that the launch definition, the watcher and the
 * testkit name settings one way ({@link ServerSettings}); the core's Config reads them.
 */
public enum Setting {
    DATA_DIR("data.dir", "data/server-1", Kind.TEXT),
    HTTP_HOST("http.host", "127.0.0.2", Kind.TEXT),
    HTTP_PORT("http.port", "8000", Kind.PORT),
    /**
     * Free space (MiB) the data folder's file system keeps: below it POST answers 507 and the sync
     * agent pauses; reads go on. 0 turns the check off.
     */
    DISK_FREE_MIN_MB("disk.free.min.mb", "512", Kind.NON_NEGATIVE),
    IPFS_API("ipfs.api", "http://127.0.0.2:5001", Kind.URL),
    /** Deadline of the server's calls to its IPFS daemon (the sync agent's is sync.timeout.ms). */
    IPFS_TIMEOUT_MS("ipfs.timeout.ms", "30000", Kind.POSITIVE),
    /**
     * How long the server's {@code GET /health} waits for its IPFS daemon: less than
     * watcher.probe.timeout.ms, so that it answers (503, daemon down) before the watcher's probe
     * of the server gives up.
     */
    HEALTH_IPFS_TIMEOUT_MS("health.ipfs.timeout.ms", "3000", Kind.POSITIVE),
    /** 64 lowercase hex characters; the core's NetworkId checks the form when Config loads. */
    NETWORK_ID("network.id", "ad0b9ac2297cda7ce4ba051a80ff68d80325b467e9cd1897495ab0e73e3d7cc6", Kind.TEXT),
    /** Public HTTP endpoints of this server as multiaddrs, comma-separated (kubo's Addresses.AppendAnnounce). */
    ANNOUNCE("announce", "/ip4/127.0.0.2/tcp/8000/http", Kind.TEXT),
    ANNOUNCE_INTERVAL_MS("announce.interval.ms", "600000", Kind.POSITIVE),
    SYNC_INTERVAL_MS("sync.interval.ms", "30000", Kind.POSITIVE),
    /** Base URLs of peers to sync with besides those the DHT finds, comma-separated. */
    SYNC_STATIC_PEERS("sync.static.peers", "", Kind.TEXT),
    /** The sync agent's liveness file, rewritten every round; empty means {@code <data.dir>/sync-agent.heartbeat}. */
    SYNC_HEARTBEAT_FILE("sync.heartbeat.file", "", Kind.TEXT),
    /**
     * How many peers one round syncs with, sampled from all the providers found (half from those
     * that delivered valid new comments before, half at random among the rest).
     */
    SYNC_MAX_PEERS("sync.max.peers", "20", Kind.POSITIVE),
    /** How many providers of the network id one round reads from the DHT to sample from (the budget of one lookup). */
    SYNC_MAX_PROVIDERS("sync.max.providers", "1000", Kind.POSITIVE),
    /** The longest a round waits for its slowest peer; what it did not reach waits for the next round. */
    SYNC_ROUND_DEADLINE_MS("sync.round.deadline.ms", "120000", Kind.POSITIVE),
    /**
     * Blocks read from one peer per round at most (each folder node and each comment); what a
     * round did not reach, the next rounds reach: every node finished is remembered. A new peer
     * starts at an eighth of it; its budget doubles after each round of valid answers, and falls
     * to a quarter after each round of mostly refused ones, down to nothing (ADR 010, section 5).
     */
    SYNC_MAX_BLOCKS_PER_PEER("sync.max.blocks.per.peer", "2000", Kind.POSITIVE),
    /** Deadline of every single call the sync agent makes (peer HTTP, kubo RPC). */
    SYNC_TIMEOUT_MS("sync.timeout.ms", "10000", Kind.POSITIVE),
    /** The longest a failing or misbehaving peer is left alone before it is tried again. */
    SYNC_BACKOFF_MAX_MS("sync.backoff.max.ms", "600000", Kind.POSITIVE),
    /**
     * Addresses and ranges (CIDR) of the reverse proxies in front of the server, comma-separated;
     * only from these is the client's address read from {@link #HTTP_FORWARDED_HEADER}. The
     * default is where the Caddy of docs/deploy.md connects from; empty trusts no proxy.
     */
    HTTP_TRUSTED_PROXIES("http.trusted.proxies", "127.0.0.1", Kind.TEXT),
    /** The header the trusted proxies write the client's address into: X-Forwarded-For (Caddy, nginx) or Forwarded (RFC 7239). */
    HTTP_FORWARDED_HEADER("http.forwarded.header", "X-Forwarded-For", Kind.TEXT),
    RATE_LIMIT_POSTS_PER_MINUTE("ratelimit.posts.per.minute", "30", Kind.POSITIVE),
    RATE_LIMIT_BURST("ratelimit.burst", "10", Kind.POSITIVE),
    /**
     * The most clients (an IPv4 address, an IPv6 /64) the rate limiter keeps a budget for; past
     * it, new clients share one budget until idle ones are forgotten. About 150 bytes each.
     */
    RATE_LIMIT_CLIENTS_MAX("ratelimit.clients.max", "100000", Kind.POSITIVE),
    /**
     * Withheld lists of other operators this server follows, as URLs (their {@code GET /withheld}),
     * comma-separated: what they list is withheld here too (docs/deploy.md, "Takedowns"). The sync
     * agent fetches each every {@link #WITHHELD_FOLLOW_INTERVAL_MS}.
     */
    WITHHELD_FOLLOW("withheld.follow", "", Kind.TEXT),
    WITHHELD_FOLLOW_INTERVAL_MS("withheld.follow.interval.ms", "600000", Kind.POSITIVE),
    /**
     * The least stamp (docs/protocol.md §3.9: leading zero bits of a comment's id, about 2^bits
     * signatures for its author) this server takes, on POST ({@code 400 weak-stamp}) and from its
     * peers (entries below it are never fetched). Shown in {@code GET /health} as stampMinBits, so
     * that clients stamp enough. 0 takes every comment, unstamped version 1 ones included.
     */
    STAMP_MIN_BITS("stamp.min.bits", "0", Kind.STAMP_BITS),
    /** The watcher's binaries; empty means beside watcher-agent.jar (the layout of an installed server). */
    WATCHER_IPFS("watcher.ipfs", "", Kind.TEXT),
    WATCHER_PAYARA_JAR("watcher.payara.jar", "", Kind.TEXT),
    WATCHER_WAR("watcher.war", "", Kind.TEXT),
    WATCHER_SYNC_JAR("watcher.sync.jar", "", Kind.TEXT),
    /** How long the watcher waits for a child's probe (kubo's {@code id}, the server's {@code /health}) to answer. */
    WATCHER_PROBE_TIMEOUT_MS("watcher.probe.timeout.ms", "5000", Kind.POSITIVE),
    /** Resident memory limits of each child's process tree, in MiB; past them for a few checks it is restarted. */
    WATCHER_KUBO_MEMORY_MB("watcher.kubo.memory.mb", "2048", Kind.POSITIVE),
    WATCHER_SERVER_MEMORY_MB("watcher.server.memory.mb", "1024", Kind.POSITIVE),
    WATCHER_SYNC_MEMORY_MB("watcher.sync.memory.mb", "512", Kind.POSITIVE),
    /** Restart kubo on a schedule too (it is known to leak); 0 = only when over its limit. */
    WATCHER_KUBO_RESTART_EVERY_MS("watcher.kubo.restart.every.ms", "0", Kind.NON_NEGATIVE);

    /** The environment variable naming the settings file (server.properties); Config reads it first. */
    /** What every setting's environment name starts with. */
    public static final String ENV_PREFIX = "COMMENTS_";
    public static final String CONFIG_FILE_ENV = ENV_PREFIX + "CONFIG";
    /** The same as a Java system property, read when the environment does not name a file. */
    public static final String CONFIG_FILE_PROPERTY = "comments.config";

    private final String key;
    private final String defaultValue;
    private final Kind kind;

    Setting(String key, String defaultValue, Kind kind) {
        this.key = key;
        this.defaultValue = defaultValue;
        this.kind = kind;
    }

    public String key() {
        return key;
    }

    public String defaultValue() {
        return defaultValue;
    }

    /** data.dir → COMMENTS_DATA_DIR */
    public String envName() {
        return ENV_PREFIX + key.replace('.', '_').toUpperCase(Locale.ROOT);
    }

    /**
     * Removes every setting a child process would inherit from its parent's environment, so that
     * it runs with the settings it is given and no others.
     */
    public static void clearFrom(Map<String, String> environment) {
        environment.keySet().removeIf(name -> name.startsWith(ENV_PREFIX));
    }

    public static Setting of(String key) {
        for (Setting s : values()) {
            if (s.key.equals(key)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown setting: " + key);
    }

    /** Refuses a value of the wrong kind with why; the caller names the setting. */
    public void check(String value) {
        switch (kind) {
            case PORT -> {
                int p = Integer.parseInt(value);
                if (p < 1 || p > 65535) {
                    throw new IllegalArgumentException("a port is 1 to 65535");
                }
            }
            case POSITIVE -> {
                if (Long.parseLong(value) <= 0) {
                    throw new IllegalArgumentException("must be a positive whole number");
                }
            }
            case NON_NEGATIVE -> {
                if (Long.parseLong(value) < 0) {
                    throw new IllegalArgumentException("must be a whole number, 0 or more");
                }
            }
            case STAMP_BITS -> {
                int bits = Integer.parseInt(value);
                if (bits < 0 || bits > MAX_STAMP_BITS) {
                    throw new IllegalArgumentException("a stamp is 0 to " + MAX_STAMP_BITS + " bits");
                }
            }
            case URL -> {
                URI uri = URI.create(value);
                if (!"http".equals(uri.getScheme()) || uri.getHost() == null) {
                    throw new IllegalArgumentException("must be an http:// URL");
                }
            }
            case TEXT -> {
                if (this == DATA_DIR && value.isBlank()) {
                    throw new IllegalArgumentException("must not be empty");
                }
            }
        }
    }

    /** 2^32 signatures, days of a browser's time: a server asking more takes no comment from anyone. */
    public static final int MAX_STAMP_BITS = 32;

    private enum Kind { TEXT, PORT, POSITIVE, NON_NEGATIVE, URL, STAMP_BITS }
}
