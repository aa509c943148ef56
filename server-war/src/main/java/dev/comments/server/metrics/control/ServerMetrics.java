package dev.comments.server.metrics.control;

import dev.comments.core.config.Config;
import dev.comments.core.kubo.Repo;
import dev.comments.core.reports.WatcherStatus;
import dev.comments.core.store.DiskFloor;
import dev.comments.core.store.GroupCommitWriter;
import dev.comments.server.ipfs.IpfsFolders;
import dev.comments.server.ipfs.IpfsUnavailableException;
import dev.comments.server.ratelimit.RateLimiter;
import dev.comments.server.work.WorkPools;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;

/**
 * The server's Prometheus metrics, in a registry of its own (not the library's static
 * default, so that a redeployment starts clean). Names are listed in the README.
 */
@ApplicationScoped
public class ServerMetrics {

    private final PrometheusRegistry registry = new PrometheusRegistry();

    private final Counter requests = Counter.builder()
            .name("comments_http_requests_total")
            .help("HTTP requests answered, by route template, method and status")
            .labelNames("route", "method", "status")
            .withoutExemplars()
            .register(registry);

    private final Histogram latency = Histogram.builder()
            .name("comments_http_request_duration_seconds")
            .help("Time from a request's arrival to its answer, by route template and method")
            .labelNames("route", "method")
            .classicOnly()
            .classicUpperBounds(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30)
            .withoutExemplars()
            .register(registry);

    private final Counter daemonCalls = Counter.builder()
            .name("comments_daemon_calls_total")
            .help("Calls to the IPFS daemon (Kubo RPC), by kind")
            .labelNames("call")
            .withoutExemplars()
            .register(registry);

    private final Counter daemonErrors = Counter.builder()
            .name("comments_daemon_errors_total")
            .help("Calls to the IPFS daemon that failed, by kind")
            .labelNames("call")
            .withoutExemplars()
            .register(registry);

    private final Counter publishedBlocks = Counter.builder()
            .name("comments_published_blocks_total")
            .help("Blocks handed to the IPFS daemon by publications: comments, folder and root shards")
            .withoutExemplars()
            .register(registry);

    @Inject
    WorkPools pools;

    @Inject
    GroupCommitWriter writer;

    @Inject
    Config config;

    @Inject
    DiskFloor disk;

    @Inject
    IpfsFolders ipfs;

    @Inject
    RateLimiter limiter;

    private AgentReports agents;

    /** Told by the publisher after each publication ({@link #publishedTree}). */
    private volatile long publishedPages;
    private volatile long publishedComments;

    @PostConstruct
    void registerGauges() {
        GaugeWithCallback.builder()
                .name("comments_work_in_flight")
                .help("Requests running or waiting on each worker pool")
                .labelNames("pool")
                .callback(cb -> {
                    cb.call(pools.getInFlight(), "get");
                    cb.call(pools.postInFlight(), "post");
                })
            .register(registry);
        GaugeWithCallback.builder()
                .name("comments_write_queue")
                .help("Comments accepted and waiting for the group commit to disk")
                .callback(cb -> cb.call(writer.queued()))
            .register(registry);
        // comments written ÷ group commits = comments per flush: how well concurrent posts share the disk
        io.prometheus.metrics.core.metrics.CounterWithCallback.builder()
                .name("comments_group_commits_total")
                .help("Group commits: batches of posted comments made durable together")
                .callback(cb -> cb.call(writer.batches()))
            .register(registry);
        io.prometheus.metrics.core.metrics.CounterWithCallback.builder()
                .name("comments_posted_written_total")
                .help("Posted comments written by the group commits (not those already stored)")
                .callback(cb -> cb.call(writer.written()))
            .register(registry);
        // as published, kept by each publication: counting the store at each scrape would cost a folder listing per page
        GaugeWithCallback.builder()
                .name("comments_stored")
                .help("Comments in the published tree (all pages), as of the last publication")
                .callback(cb -> cb.call(publishedComments))
            .register(registry);
        GaugeWithCallback.builder()
                .name("comments_pages")
                .help("Pages with at least one comment in the published tree, as of the last publication")
                .callback(cb -> cb.call(publishedPages))
            .register(registry);
        GaugeWithCallback.builder()
                .name("comments_disk_free_bytes")
                .help("Free space of the data folder's file system; below comments_disk_free_min_bytes POST answers 507 and sync pauses")
                .callback(cb -> {
                    try {
                        cb.call(disk.freeBytes());
                    } catch (IOException unreadable) {
                        // no sample: the gap is what the operator sees
                    }
                })
            .register(registry);
        GaugeWithCallback.builder()
                .name("comments_disk_free_min_bytes")
                .help("The free-space floor (disk.free.min.mb)")
                .callback(cb -> cb.call(disk.minFreeBytes()))
            .register(registry);
        GaugeWithCallback.builder()
                .name("comments_ipfs_repo_bytes")
                .help("Size of the IPFS daemon's repository, by kind: size, or max (its storage limit, Datastore.StorageMax)")
                .labelNames("kind")
                .callback(cb -> {
                    try {
                        Repo.Stat stat = ipfs.repoStat();
                        cb.call(stat.repoSize(), "size");
                        cb.call(stat.storageMax(), "max");
                    } catch (IpfsUnavailableException down) {
                        // no sample while the daemon is down: comments_daemon_errors_total says why
                    }
                })
            .register(registry);
        GaugeWithCallback.builder()
                .name("comments_ratelimit_clients")
                .help("Clients (IPv4 addresses, IPv6 /64s) with a rate-limit budget of their own (at most ratelimit.clients.max)")
                .callback(cb -> cb.call(limiter.clients()))
            .register(registry);
        io.prometheus.metrics.core.metrics.CounterWithCallback.builder()
                .name("comments_ratelimit_overflowed_total")
                .help("Posts of new clients counted against the shared budget because the limiter's table was full")
                .callback(cb -> cb.call(limiter.overflowed()))
            .register(registry);
        agents = new AgentReports(config.watcherRunDir().resolve(WatcherStatus.FILE_NAME), config.syncHeartbeatFile());
        agents.register(registry);
    }

    public void request(String route, String method, int status, double seconds) {
        requests.labelValues(route, method, Integer.toString(status)).inc();
        latency.labelValues(route, method).observe(seconds);
    }

    public void daemonCall(String call, boolean failed) {
        daemonCalls.labelValues(call).inc();
        if (failed) {
            daemonErrors.labelValues(call).inc();
        }
    }

    /** A publication handed the daemon {@code blocks} blocks. */
    public void published(long blocks) {
        publishedBlocks.inc(blocks);
    }

    /** The published tree now has this many pages with comments, and comments. */
    public void publishedTree(long pages, long comments) {
        publishedPages = pages;
        publishedComments = comments;
    }

    public MetricSnapshots scrape() {
        agents.refresh();
        return registry.scrape();
    }
}
