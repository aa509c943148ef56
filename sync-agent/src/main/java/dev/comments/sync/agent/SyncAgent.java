package dev.comments.sync.agent;

import dev.comments.core.kubo.KuboClient;
import dev.comments.core.lifecycle.Lifecycle;
import dev.comments.core.lifecycle.LifecycleGate;
import dev.comments.core.log.EventLog;
import dev.comments.core.reports.SyncHeartbeat;
import dev.comments.core.reports.SyncRoundFigures;
import dev.comments.core.store.CommentStore;
import dev.comments.core.store.DiskFloor;
import dev.comments.sync.config.SyncSettings;
import dev.comments.sync.discovery.PeerDiscovery;
import dev.comments.sync.peers.PeerTable;
import dev.comments.sync.pull.PeerApi;
import dev.comments.sync.pull.PeerPull;
import dev.comments.sync.round.RoundReport;
import dev.comments.sync.round.SyncRound;
import dev.comments.sync.state.StateFile;
import dev.comments.sync.withheld.FollowedLists;
import dev.comments.core.withheld.Takedown;
import dev.comments.core.withheld.WithheldLists;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * The agent's parts, wired once from its settings: the store, the daemon's client, the
 * peer table, the saved state, one {@link SyncRound}. {@link #runRound()} is one round
 * with its log line and heartbeat ({@link SyncHeartbeat}); the loop and tests both call it.
 *
 * <p>A long-running part ({@link Lifecycle}): {@link #start()} runs rounds on a schedule
 * ({@link SyncLoop}) until {@link #stop()}, which ends them after the round in progress and
 * then closes the clients. {@link #close()} is {@link #stop()}, for try-with-resources: an
 * agent that only runs rounds when asked (--once, tests) is closed without being started.
 */
public final class SyncAgent implements Lifecycle, AutoCloseable {

    private final SyncSettings settings;
    private final KuboClient kubo;
    private final PeerApi api;
    private final SyncRound round;
    private final SyncLoop loop;
    private final FollowedLists followed;
    private final LifecycleGate gate = new LifecycleGate("a sync agent");

    private SyncAgent(SyncSettings settings, KuboClient kubo, PeerApi api, SyncRound round, FollowedLists followed) {
        this.settings = settings;
        this.followed = followed;
        this.kubo = kubo;
        this.api = api;
        this.round = round;
        this.loop = new SyncLoop(this::runRound, settings.interval());
    }

    /** Opens the store and the state; an IOException when the data folder cannot be used. */
    public static SyncAgent open(SyncSettings settings) throws IOException {
        CommentStore store = CommentStore.open(settings.dataDir());
        KuboClient kubo = KuboClient.connect(settings.ipfsApi(), settings.timeout());
        PeerApi api = new PeerApi(settings.timeout());
        StateFile stateFile = new StateFile(settings.stateFile());
        SyncRound round = new SyncRound(kubo, new PeerDiscovery(kubo, settings),
                new PeerTable(settings.interval(), settings.backoffMax()),
                new PeerPull(kubo, store, api, settings), stateFile.load(), stateFile, settings.timeout(),
                settings.roundDeadline(), settings.maxBlocksPerPeer(), DiskFloor.of(settings.dataDir(), settings.diskFreeMinMib()), Clock.systemUTC());
        WithheldLists lists = new WithheldLists(settings.dataDir());
        FollowedLists followed = new FollowedLists(settings.withheldFollow(), settings.withheldFollowInterval(), api,
                lists, new Takedown(store, lists), kubo, Clock.systemUTC());
        beat(settings, Optional.empty());
        return new SyncAgent(settings, kubo, api, round, followed);
    }

    public SyncSettings settings() {
        return settings;
    }

    /** The round itself, without log line or heartbeat. */
    public SyncRound round() {
        return round;
    }

    /**
     * The followed withheld lists when due (so that a round never takes what they name), one
     * round, logged, then the heartbeat. A heartbeat that cannot be written is logged.
     */
    public RoundReport runRound() {
        followed.refreshIfDue();
        RoundReport report = round.run();
        EventLog.event("info", "sync-round", report.figures().logPairs());
        try {
            beat(settings, Optional.of(report.figures()));
        } catch (IOException e) {
            EventLog.event("error", "heartbeat-failed", "file", settings.heartbeatFile(), "error", e.getMessage());
        }
        return report;
    }

    /** The heartbeat (the watcher's liveness probe) with the last round's figures (the server's metrics). */
    private static void beat(SyncSettings settings, Optional<SyncRoundFigures> lastRound) throws IOException {
        new SyncHeartbeat(Instant.now(), ProcessHandle.current().pid(), lastRound).write(settings.heartbeatFile());
    }

    /** A round at once, then one every sync interval, on the loop's thread. */
    @Override
    public void start() {
        gate.start(loop::start);
    }

    /** Ends the rounds after the one in progress ({@link SyncLoop#GRACE}), then closes the clients. */
    @Override
    public void stop() {
        gate.stop(() -> {
            loop.stop();
            api.close();
            kubo.close();
        });
    }

    @Override
    public void close() {
        stop();
    }
}
