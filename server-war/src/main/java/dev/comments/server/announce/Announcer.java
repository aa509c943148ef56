package dev.comments.server.announce;

import dev.comments.core.log.EventLog;
import dev.comments.core.config.Config;
import dev.comments.launch.Setting;
import dev.comments.core.network.NetworkId;
import dev.comments.server.ipfs.IpfsFolders;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Makes the server findable (docs/protocol.md §2): puts the network id's 32 bytes as a raw block
 * and provides its CID, at start and then periodically. After a failure (the daemon may be
 * starting, or have no DHT peers yet) it tries again after 5 s, doubling up to 5 min.
 * The server's HTTP address travels with the daemon's peer record (Addresses.AppendAnnounce).
 */
@ApplicationScoped
public class Announcer {

    private static final long FIRST_RETRY_MS = 5000;
    private static final long MAX_RETRY_MS = 300_000;

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Inject
    IpfsFolders ipfs;

    @Inject
    Config config;

    private volatile long nextDue;
    private volatile long lastSuccess;
    private volatile long retryMs = FIRST_RETRY_MS;
    private ScheduledFuture<?> task;

    void start(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        task = scheduler.scheduleWithFixedDelay(this::tick, 0, FIRST_RETRY_MS, TimeUnit.MILLISECONDS);
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
            lastSuccess = now;
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

    public long lastSuccess() {
        return lastSuccess;
    }

    @PreDestroy
    void stop() {
        if (task != null) {
            task.cancel(false);
        }
    }
}
