package dev.comments.sync.state;

import java.net.URI;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/** The agent's memory between rounds: a {@link PeerSeen} per peer URL. Thread-safe. */
public final class SyncState {

    private final Map<URI, PeerSeen> peers = new ConcurrentHashMap<>();
    private volatile boolean changed;

    public PeerSeen seen(URI peer) {
        return peers.getOrDefault(peer, PeerSeen.NOTHING);
    }

    public void update(URI peer, PeerSeen seen) {
        PeerSeen old = peers.put(peer, seen);
        if (!seen.equals(old)) {
            changed = true;
        }
    }

    /** True once since the last call when anything was updated: the state file needs writing. */
    public boolean takeChanged() {
        boolean was = changed;
        changed = false;
        return was;
    }

    /** A sorted copy, for writing. */
    public Map<URI, PeerSeen> snapshot() {
        return new TreeMap<>(peers);
    }

    void putLoaded(URI peer, PeerSeen seen) {
        peers.put(peer, seen);
    }
}
