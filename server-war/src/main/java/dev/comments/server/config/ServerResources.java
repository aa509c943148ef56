package dev.comments.server.config;

import dev.comments.core.log.EventLog;
import dev.comments.core.config.Config;
import dev.comments.launch.Setting;
import dev.comments.core.store.CommentStore;
import dev.comments.core.store.DiskFloor;
import dev.comments.core.store.GroupCommitWriter;
import dev.comments.core.withheld.WithheldLists;
import dev.comments.core.kubo.KuboClient;
import dev.comments.server.ipfs.IpfsFolders;
import dev.comments.server.ipfs.KuboFolders;
import dev.comments.server.metrics.control.CountedIpfsFolders;
import dev.comments.server.metrics.control.ServerMetrics;
import dev.comments.server.clients.ClientAddresses;
import dev.comments.server.ratelimit.RateLimiter;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The server's long-lived parts, made once from its configuration (docs/architecture.md, "Configuration"). Singleton
 * rather than application scope: these are final classes that need no proxy.
 */
@ApplicationScoped
public class ServerResources {

    /** Comments waiting for the group commit; past this a POST answers 503. */
    private static final int WRITE_QUEUE = 1024;

    @Resource
    ManagedThreadFactory threads;

    @Produces
    @Singleton
    Config config() {
        try {
            Config config = Config.load();
            EventLog.event("info", "config", "data.dir", config.dataDir().toAbsolutePath(), "ipfs.api",
                    config.ipfsApi(), "network.id", config.networkId(), "announce", String.join(",", config.announce()));
            return config;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the configuration file", e);
        }
    }

    @Produces
    @Singleton
    CommentStore store(Config config) {
        try {
            return CommentStore.open(config.dataDir());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the comment store under " + config.dataDir(), e);
        }
    }

    @Produces
    @Singleton
    GroupCommitWriter writer(CommentStore store) {
        return new GroupCommitWriter(store, WRITE_QUEUE, threads); // started and stopped by lifecycle/ServerParts
    }

    @Produces
    @Singleton
    IpfsFolders ipfs(Config config, ServerMetrics metrics) {
        KuboClient kubo = KuboClient.connect(config.ipfsApi(), config.millis(Setting.IPFS_TIMEOUT_MS));
        return new CountedIpfsFolders(new KuboFolders(kubo, config.millis(Setting.HEALTH_IPFS_TIMEOUT_MS)), metrics);
    }

    @Produces
    @Singleton
    RateLimiter rateLimiter(Config config) {
        return new RateLimiter(config.integer(Setting.RATE_LIMIT_POSTS_PER_MINUTE), config.integer(Setting.RATE_LIMIT_BURST),
                config.integer(Setting.RATE_LIMIT_CLIENTS_MAX), System::nanoTime);
    }

    @Produces
    @Singleton
    DiskFloor diskFloor(Config config) {
        try {
            return DiskFloor.of(config.dataDir(), config.integer(Setting.DISK_FREE_MIN_MB));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot find the file system of " + config.dataDir(), e);
        }
    }

    /** The operator's withheld lists and those it follows, re-read when one changes. */
    @Produces
    @Singleton
    WithheldLists withheldLists(Config config) {
        return new WithheldLists(config.dataDir());
    }

    /** Who a request comes from; a wrong setting fails the deployment with why (an operator reads it in the log). */
    @Produces
    @Singleton
    ClientAddresses clientAddresses(Config config) {
        return new ClientAddresses(config.get(Setting.HTTP_TRUSTED_PROXIES), config.get(Setting.HTTP_FORWARDED_HEADER));
    }
}
