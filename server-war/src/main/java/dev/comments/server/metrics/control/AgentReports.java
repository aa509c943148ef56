package dev.comments.server.metrics.control;

import dev.comments.core.reports.ChildStatus;
import dev.comments.core.reports.SyncHeartbeat;
import dev.comments.core.reports.SyncRoundFigures;
import dev.comments.core.reports.WatcherStatus;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * What the server's neighbours report through files in the data folder, as metrics: the
 * watcher's status (restarts, running, memory of each child) and the sync agent's
 * heartbeat (the last round's figures). Each file is read once per scrape
 * ({@link #refresh()}); a missing or unreadable one leaves its families without samples,
 * and a stale one shows in its age gauge: a scrape never fails because of them.
 */
public final class AgentReports {

    private record Reports(Instant read, Optional<WatcherStatus> watcher, Optional<SyncHeartbeat> sync) {
    }

    private final Path watcherStatus;
    private final Path syncHeartbeat;
    private volatile Reports last = new Reports(Instant.EPOCH, Optional.empty(), Optional.empty());

    public AgentReports(Path watcherStatus, Path syncHeartbeat) {
        this.watcherStatus = watcherStatus;
        this.syncHeartbeat = syncHeartbeat;
    }

    /** Reads both files; called before each scrape. */
    public void refresh() {
        last = new Reports(Instant.now(), read(watcherStatus, WatcherStatus::read), read(syncHeartbeat, SyncHeartbeat::read));
    }

    private interface Reader<T> {
        T read(Path file) throws IOException;
    }

    private static <T> Optional<T> read(Path file, Reader<T> reader) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(reader.read(file));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    public void register(PrometheusRegistry registry) {
        gauge(registry, "comments_watcher_status_age_seconds",
                "Seconds since the watcher last wrote its status (it does every few seconds)",
                cb -> last.watcher().ifPresent(w -> cb.call(secondsSince(w.written()))));
        CounterWithCallback.builder()
                .name("comments_watcher_child_restarts_total")
                .help("Restarts of each child (kubo, server, sync) seen by the watcher since it started")
                .labelNames("child")
                .callback(cb -> children(c -> cb.call(c.restarts(), c.name())))
                .register(registry);
        gauge(registry, "comments_watcher_child_running",
                "1 when the watcher sees the child running and ready, 0 otherwise", "child",
                cb -> children(c -> cb.call(c.running() ? 1 : 0, c.name())));
        gauge(registry, "comments_watcher_child_resident_bytes",
                "Resident memory of each child's process tree, as the watcher measured it", "child",
                cb -> children(c -> cb.call(c.rssBytes(), c.name())));

        gauge(registry, "comments_sync_heartbeat_age_seconds",
                "Seconds since the sync agent's last heartbeat (one per round)",
                cb -> last.sync().ifPresent(h -> cb.call(secondsSince(h.time()))));
        CounterWithCallback.builder()
                .name("comments_sync_rounds_total")
                .help("Sync rounds run since the sync agent started")
                .callback(cb -> round(r -> cb.call(r.round())))
                .register(registry);
        gauge(registry, "comments_sync_last_round_daemon_up", "1 when the last sync round reached our own IPFS daemon",
                cb -> round(r -> cb.call(r.daemonUp() ? 1 : 0)));
        gauge(registry, "comments_sync_last_round_duration_seconds", "How long the last sync round took",
                cb -> round(r -> cb.call(r.ms() / 1000.0)));
        gauge(registry, "comments_sync_last_round_peers",
                "Peers of the last sync round: found (DHT and static), contacted, failed (put in backoff)", "state",
                cb -> round(r -> {
                    cb.call(r.peersFound(), "found");
                    cb.call(r.peers(), "contacted");
                    cb.call(r.peersFailed(), "failed");
                }));
        gauge(registry, "comments_sync_last_round_folders_listed",
                "Peers' folders listed by the last sync round: roots (a peer's root changed) and pages", "kind",
                cb -> round(r -> {
                    cb.call(r.rootsListed(), "root");
                    cb.call(r.foldersListed(), "page");
                }));
        gauge(registry, "comments_sync_last_round_blocks_fetched", "Comment blocks fetched by the last sync round",
                cb -> round(r -> cb.call(r.blocksFetched())));
        gauge(registry, "comments_sync_last_round_comments",
                "Comments of the last sync round: written (new to the store), rejected (failed verification), ignored", "result",
                cb -> round(r -> {
                    cb.call(r.written(), "written");
                    cb.call(r.rejected(), "rejected");
                    cb.call(r.ignored(), "ignored");
                }));
    }

    private void children(Consumer<ChildStatus> each) {
        last.watcher().ifPresent(w -> w.children().forEach(each));
    }

    private void round(Consumer<SyncRoundFigures> figures) {
        last.sync().flatMap(SyncHeartbeat::lastRound).ifPresent(figures);
    }

    private double secondsSince(Instant then) {
        return Math.max(0, Duration.between(then, last.read()).toMillis() / 1000.0);
    }

    private static void gauge(PrometheusRegistry registry, String name, String help,
            Consumer<GaugeWithCallback.Callback> callback) {
        GaugeWithCallback.builder().name(name).help(help).callback(callback).register(registry);
    }

    private static void gauge(PrometheusRegistry registry, String name, String help, String label,
            Consumer<GaugeWithCallback.Callback> callback) {
        GaugeWithCallback.builder().name(name).help(help).labelNames(label).callback(callback).register(registry);
    }
}
