package dev.comments.sync.round;

import dev.comments.core.kubo.KuboClient;
import dev.comments.core.kubo.KuboException;
import dev.comments.core.log.EventLog;
import dev.comments.core.store.DiskFloor;
import dev.comments.sync.discovery.PeerDiscovery;
import dev.comments.sync.peers.Peer;
import dev.comments.sync.peers.PeerTable;
import dev.comments.sync.pull.PeerOutcome;
import dev.comments.sync.pull.PeerPull;
import dev.comments.sync.pull.RoundShared;
import dev.comments.sync.state.StateFile;
import dev.comments.sync.state.SyncState;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * One sync round: is our daemon there; who are the peers; which are due; pull from each
 * (in parallel, each bounded on its own, so a slow or hostile peer never holds back the
 * others); note each peer's health and what was taken; save the state if it moved.
 * Never throws for a peer's sake or for our daemon being down.
 */
public final class SyncRound {

    private final KuboClient kubo;
    private final PeerDiscovery discovery;
    private final PeerTable table;
    private final PeerPull pull;
    private final SyncState state;
    private final StateFile stateFile;
    private final Clock clock;
    private long rounds;
    private final DiskFloor disk;

    public SyncRound(KuboClient kubo, PeerDiscovery discovery, PeerTable table, PeerPull pull, SyncState state,
            StateFile stateFile, Duration timeout, DiskFloor disk, Clock clock) {
        this.kubo = kubo.withTimeout(timeout);
        this.disk = disk;
        this.discovery = discovery;
        this.table = table;
        this.pull = pull;
        this.state = state;
        this.stateFile = stateFile;
        this.clock = clock;
    }

    public synchronized RoundReport run() {
        long start = System.nanoTime();
        long round = ++rounds;
        Optional<String> noRoom = disk.shortage();
        if (noRoom.isPresent()) {
            EventLog.event("warn", "sync-paused", "round", round, "reason", noRoom.get(),
                    "action", "no comments are pulled until the disk has room again (disk.free.min.mb); reads go on");
            return RoundReport.paused(round, millisSince(start));
        }
        String self;
        try {
            self = kubo.id().id();
        } catch (KuboException e) {
            EventLog.event("warn", "daemon-down", "round", round, "error", e.getMessage(),
                    "action", "nothing to do until it answers; peers are not blamed");
            return RoundReport.daemonDown(round, millisSince(start));
        }
        List<Peer> found = discovery.find(self);
        List<Peer> due = table.due(found, clock.instant());
        List<PeerOutcome> outcomes = pullAll(due);
        Instant now = clock.instant();
        for (PeerOutcome o : outcomes) {
            note(o, now);
        }
        saveState();
        return RoundReport.of(round, found.size(), outcomes, millisSince(start));
    }

    private List<PeerOutcome> pullAll(List<Peer> due) {
        RoundShared shared = pull.newRound();
        List<PeerOutcome> outcomes = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<PeerOutcome>> running = new ArrayList<>();
            for (Peer peer : due) {
                running.add(pool.submit(() -> pull.pull(peer, state.seen(peer.url()), shared)));
            }
            for (int i = 0; i < due.size(); i++) {
                outcomes.add(await(running.get(i), due.get(i)));
            }
        }
        return outcomes;
    }

    private PeerOutcome await(Future<PeerOutcome> outcome, Peer peer) {
        try {
            return outcome.get();
        } catch (ExecutionException e) {
            // a bug of ours, not the peer's doing: say so loudly, blame nobody
            EventLog.event("error", "peer-pull-crashed", "peer", peer.url(), "error", e.getCause());
            return new PeerOutcome(peer, PeerOutcome.Status.LOCAL_FAILURE, state.seen(peer.url()),
                    String.valueOf(e.getCause()), 0, 0, 0, 0, 0, 0);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new PeerOutcome(peer, PeerOutcome.Status.LOCAL_FAILURE, state.seen(peer.url()), "interrupted",
                    0, 0, 0, 0, 0, 0);
        }
    }

    private void note(PeerOutcome o, Instant now) {
        state.update(o.peer().url(), o.seen());
        switch (o.status().effect()) {
            case SUCCESS -> table.succeeded(o.peer().url(), now);
            case BACKOFF -> {
                Duration wait = table.failed(o.peer().url(), now);
                EventLog.event("warn", "peer-backoff", "peer", o.peer().url(), "source", o.peer().source(),
                        "status", o.status(), "wait_ms", wait.toMillis(), "taken", o.written(),
                        "rejected", o.rejected(), "error", o.detail());
            }
            case NONE -> EventLog.event("warn", "peer-not-synced", "peer", o.peer().url(), "status", o.status(),
                    "error", o.detail());
        }
        if (o.written() > 0 && o.status().effect() != PeerOutcome.Effect.BACKOFF) {
            EventLog.event("info", "peer-synced", "peer", o.peer().url(), "source", o.peer().source(), "status",
                    o.status(), "written", o.written(), "folders_listed", o.foldersListed(), "blocks_fetched", o.blocksFetched());
        }
    }

    private void saveState() {
        if (!state.takeChanged()) {
            return;
        }
        try {
            stateFile.save(state);
        } catch (IOException e) {
            EventLog.event("warn", "state-write-failed", "file", stateFile.path(), "error", e.getMessage(),
                    "note", "harmless: the next round compares more");
        }
    }

    private static long millisSince(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }
}
