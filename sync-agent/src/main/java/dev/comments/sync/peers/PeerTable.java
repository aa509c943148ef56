package dev.comments.sync.peers;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The peers the agent knows, by base URL, with their {@link PeerHealth}. Each round it
 * is told which peers discovery found and answers which of them are due; a peer in
 * backoff is skipped until its time comes. A peer not found for {@code forgetAfter}
 * and not in backoff is forgotten, so the table stays small.
 */
public final class PeerTable {

    private final Map<URI, PeerHealth> peers = new LinkedHashMap<>();
    private final Duration backoffBase;
    private final Duration backoffMax;

    public PeerTable(Duration backoffBase, Duration backoffMax) {
        this.backoffBase = backoffBase;
        this.backoffMax = backoffMax;
    }

    /** Notes this round's discovered peers and returns those due now, in discovery order. */
    public synchronized List<Peer> due(List<Peer> found, Instant now) {
        List<Peer> due = new ArrayList<>();
        for (Peer peer : found) {
            PeerHealth health = peers.computeIfAbsent(peer.url(), u -> new PeerHealth(now));
            health.discovered(now);
            if (health.isDue(now)) {
                due.add(peer);
            }
        }
        Instant forgetBefore = now.minus(backoffMax.multipliedBy(2));
        peers.values().removeIf(h -> h.lastDiscovered().isBefore(forgetBefore) && h.isDue(now));
        return due;
    }

    public synchronized void succeeded(URI peer, Instant now) {
        health(peer, now).succeeded();
    }

    /** Puts the peer in backoff; returns how long it will be left alone. */
    public synchronized Duration failed(URI peer, Instant now) {
        return health(peer, now).failed(now, backoffBase, backoffMax);
    }

    public synchronized PeerHealth.State state(URI peer) {
        PeerHealth h = peers.get(peer);
        return h == null ? null : h.state();
    }

    public synchronized int size() {
        return peers.size();
    }

    private PeerHealth health(URI peer, Instant now) {
        return peers.computeIfAbsent(peer, u -> new PeerHealth(now));
    }
}
