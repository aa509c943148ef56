package dev.comments.server.announce;

import dev.comments.core.config.Config;
import dev.comments.core.config.Setting;
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
import java.util.logging.Logger;

/**
 * Makes the server findable (DESIGN §4.2): puts the network id's 32 bytes as a raw block
 * and provides its CID, at start and then periodically. Until the first success (the
 * daemon may be starting, or have no DHT peers yet) it tries again every few seconds.
 * The server's HTTP address travels with the daemon's peer record (Addresses.AppendAnnounce).
 */
@ApplicationScoped
public class Announcer {

    private static final Logger LOG = Logger.getLogger(Announcer.class.getName());
    private static final long RETRY_MS = 5000;

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Inject
    IpfsFolders ipfs;

    @Inject
    Config config;

    private volatile long nextDue;
    private volatile long lastSuccess;
    private ScheduledFuture<?> task;

    void start(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        task = scheduler.scheduleWithFixedDelay(this::tick, 0, RETRY_MS, TimeUnit.MILLISECONDS);
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
            nextDue = now + config.integer(Setting.ANNOUNCE_INTERVAL_MS);
            LOG.info(() -> "event=announced network.id=" + network + " key=" + cid);
        } catch (RuntimeException e) {
            LOG.warning(() -> "event=announce-failed retry.ms=" + RETRY_MS + " error=\"" + e.getMessage() + "\"");
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
