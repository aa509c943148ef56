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
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

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
    private final Duration timeout;
    private final Duration roundDeadline;
    private final int maxBlocks;

    /**
     * {@code roundDeadline}: the longest the peers' walks may take together (sync.round.deadline.ms);
     * {@code maxBlocks}: the most blocks one peer may cost a round (sync.max.blocks.per.peer).
     */
    public SyncRound(KuboClient kubo, PeerDiscovery discovery, PeerTable table, PeerPull pull, SyncState state,
            StateFile stateFile, Duration timeout, Duration roundDeadline, int maxBlocks, DiskFloor disk, Clock clock) {
        this.kubo = kubo.withTimeout(timeout);
        this.timeout = timeout;
        this.roundDeadline = roundDeadline;
        this.maxBlocks = maxBlocks;
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
        List<Peer> found = discovery.find(self, table.proven());
        List<Peer> due = table.due(found, clock.instant());
        List<PeerOutcome> outcomes = pullAll(due);
        Instant now = clock.instant();
        for (PeerOutcome o : outcomes) {
            note(o, now);
        }
        saveState();
        return RoundReport.of(round, found.size(), outcomes, millisSince(start));
    }

    /**
     * Every due peer at once, each within its budget; the walks end by the round's deadline on
     * their own (between calls), and a walk still inside a call one call deadline later is
     * cancelled and counted as slow: the round never waits longer for its slowest peer.
     */
    private List<PeerOutcome> pullAll(List<Peer> due) {
        RoundShared shared = pull.newRound();
        List<PeerOutcome> outcomes = new ArrayList<>();
        long endsAt = System.nanoTime() + roundDeadline.toNanos();
        long cancelAt = endsAt + timeout.toNanos();
        ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
        try {
            List<Future<PeerOutcome>> running = new ArrayList<>();
            for (Peer peer : due) {
                int budget = table.budget(peer.url(), maxBlocks, clock.instant());
                running.add(pool.submit(() -> pull.pull(peer, state.seen(peer.url()), shared, budget, endsAt)));
            }
            for (int i = 0; i < due.size(); i++) {
                outcomes.add(await(running.get(i), due.get(i), cancelAt));
            }
        } finally {
            pool.shutdownNow(); // interrupts what the deadline cancelled; never waits for it
        }
        return outcomes;
    }

    private PeerOutcome await(Future<PeerOutcome> outcome, Peer peer, long cancelAt) {
        try {
            return outcome.get(Math.max(0, cancelAt - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            outcome.cancel(true);
            return new PeerOutcome(peer, PeerOutcome.Status.SLOW, state.seen(peer.url()),
                    "still busy at the round's deadline (" + roundDeadline.toMillis() + " ms)", 0, 0, 0, 0, 0, 0);
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
        if (o.status().effect() != PeerOutcome.Effect.NONE) {
            int next = table.yielded(o.peer().url(), o.written(), o.rejected(), maxBlocks, now);
            if (next == 0) {
                EventLog.event("warn", "peer-budget-spent", "peer", o.peer().url(), "source", o.peer().source(),
                        "rejected", o.rejected(), "taken", o.written(),
                        "note", "mostly refused answers: nothing more from it until its backoff ends, then a trial");
            }
        }
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
