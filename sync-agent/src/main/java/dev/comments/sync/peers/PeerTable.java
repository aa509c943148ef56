package dev.comments.sync.peers;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Set;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The peers the agent knows, by base URL, with their {@link PeerHealth}. Each round it
 * is told which peers discovery found and answers which of them are due; a peer in
 * backoff is skipped until its time comes. A peer not found for {@link #REMEMBER} (or twice
 * the longest backoff, if longer) and not in backoff is forgotten, and at most {@link #MAX_KEPT}
 * are kept, so the table stays bounded.
 */
public final class PeerTable {

    /**
     * How long a peer not found again is remembered (its budget with it): a round samples a few
     * of the providers, so a peer is often not found for a while, and forgetting it sooner would
     * hand a spent sybil a new peer's budget.
     */
    static final Duration REMEMBER = Duration.ofHours(24);
    /** The most peers remembered (~200 bytes each); past it, those found longest ago are forgotten. */
    static final int MAX_KEPT = 100_000;

    private final Map<URI, PeerHealth> peers = new LinkedHashMap<>();
    /** Where each peer was learned (its PeerID, or static): the sampling knows providers by PeerID. */
    private final Map<URI, String> sources = new HashMap<>();
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
            sources.put(peer.url(), peer.source());
            health.discovered(now);
            if (health.isDue(now)) {
                due.add(peer);
            }
        }
        Instant forgetBefore = now.minus(max(backoffMax.multipliedBy(2), REMEMBER));
        peers.values().removeIf(h -> h.lastDiscovered().isBefore(forgetBefore) && h.isDue(now));
        if (peers.size() > MAX_KEPT) {
            peers.values().stream().map(PeerHealth::lastDiscovered).sorted().skip(peers.size() - MAX_KEPT).findFirst()
                    .ifPresent(cut -> peers.values().removeIf(h -> h.lastDiscovered().isBefore(cut)));
        }
        sources.keySet().retainAll(peers.keySet());
        return due;
    }

    public synchronized void succeeded(URI peer, Instant now) {
        health(peer, now).succeeded();
    }

    /** Puts the peer in backoff; returns how long it will be left alone. */
    public synchronized Duration failed(URI peer, Instant now) {
        return health(peer, now).failed(now, backoffBase, backoffMax);
    }

    /** The blocks the peer may cost this round, at most {@code max} (PeerHealth#budget). */
    public synchronized int budget(URI peer, int max, Instant now) {
        return health(peer, now).budget(max);
    }

    /** Notes what the peer's answers were worth this round; returns its budget for the next. */
    public synchronized int yielded(URI peer, int written, int rejected, int max, Instant now) {
        return health(peer, now).yielded(written, rejected, max);
    }

    /** The sources (PeerIDs) of peers that delivered valid new comments and are not spent: preferred by the sampling. */
    public synchronized Set<String> proven() {
        Set<String> proven = new HashSet<>();
        peers.forEach((url, health) -> {
            String source = sources.get(url);
            if (source != null && health.proven()) {
                proven.add(source);
            }
        });
        return proven;
    }

    public synchronized PeerHealth.State state(URI peer) {
        PeerHealth h = peers.get(peer);
        return h == null ? null : h.state();
    }

    public synchronized int size() {
        return peers.size();
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    private PeerHealth health(URI peer, Instant now) {
        return peers.computeIfAbsent(peer, u -> new PeerHealth(now));
    }
}
