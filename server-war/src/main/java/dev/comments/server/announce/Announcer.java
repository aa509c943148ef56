package dev.comments.server.announce;

import dev.comments.core.config.Config;
import dev.comments.core.lifecycle.Lifecycle;
import dev.comments.core.lifecycle.PeriodicTask;
import dev.comments.core.log.EventLog;
import dev.comments.core.network.NetworkId;
import dev.comments.launch.Setting;
import dev.comments.server.ipfs.IpfsFolders;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;

/**
 * Makes the server findable (docs/protocol.md §2): puts the network id's 32 bytes as a raw block
 * and provides its CID, at start and then periodically. After a failure (the daemon may be
 * starting, or have no DHT peers yet) it tries again after 5 s, doubling up to 5 min.
 * The server's HTTP address travels with the daemon's peer record (Addresses.AppendAnnounce).
 *
 * <p>A long-running part ({@link Lifecycle}), started and stopped with the server's others
 * ({@code lifecycle/ServerParts}); a stop waits for an announcement in progress up to
 * {@link #GRACE}.
 */
@ApplicationScoped
public class Announcer implements Lifecycle {

    /** An announcement is two calls to the daemon, each with its deadline. */
    static final Duration GRACE = Duration.ofSeconds(30);

    private static final long FIRST_RETRY_MS = 5000;
    private static final long MAX_RETRY_MS = 300_000;

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Inject
    IpfsFolders ipfs;

    @Inject
    Config config;

    private volatile long nextDue;
    private volatile long retryMs = FIRST_RETRY_MS;
    private PeriodicTask ticks;

    /** Made here, not in a constructor: the scheduler is injected after construction. */
    private synchronized PeriodicTask ticks() {
        if (ticks == null) {
            ticks = new PeriodicTask("the announcer", scheduler, Duration.ofMillis(FIRST_RETRY_MS), GRACE, this::tick);
        }
        return ticks;
    }

    /** A tick at once, then one every 5 s; a tick announces when the last announcement is due again. */
    @Override
    public void start() {
        ticks().start();
    }

    void tick() {
        long now = System.currentTimeMillis();
        if (now < nextDue) {
            return;
        }
        NetworkId network = config.networkId();
        try {
            String cid = ipfs.putRawBlock(network.bytes());
            if (!cid.equals(network.dhtKey().text())) {
                throw new IllegalStateException("the daemon stored the network id as " + cid + ", not " + network.dhtKey());
            }
            ipfs.provide(cid);
            retryMs = FIRST_RETRY_MS;
            nextDue = now + config.integer(Setting.ANNOUNCE_INTERVAL_MS);
            EventLog.event("info", "announced", "network.id", network, "key", cid);
        } catch (RuntimeException e) {
            // Back off (5 s, 10 s, ... 5 min): a lone server with no peers should not fill its log.
            long wait = retryMs;
            retryMs = Math.min(MAX_RETRY_MS, retryMs * 2);
            nextDue = now + wait;
            EventLog.event("warn", "announce-failed", "retry.ms", wait, "error", e.getMessage());
        }
    }

    @Override
    public void stop() {
        ticks().stop();
    }
}
