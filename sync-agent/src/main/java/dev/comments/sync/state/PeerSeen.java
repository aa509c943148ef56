package dev.comments.sync.state;

import dev.comments.core.cid.Cid;
import java.util.HashSet;
import java.util.Set;

/**
 * What the agent last took in full from one peer: the root CID it answered (only once
 * every node under it was taken) and the CIDs of the peer's folder nodes (root shards,
 * page folders, their shards) whose every comment was taken or refused. A CID names
 * immutable content, so a node seen once never needs reading again, wherever it appears;
 * only a different CID does. Grows with the peer's pages and shards; a root seen in full
 * stands for everything under it.
 */
public record PeerSeen(Cid root, Set<Cid> nodes) {

    public static final PeerSeen NOTHING = new PeerSeen(null, Set.of());

    public PeerSeen {
        nodes = Set.copyOf(nodes);
    }

    public boolean sawRoot(Cid cid) {
        return root != null && root.equals(cid);
    }

    public boolean sawNode(Cid cid) {
        return nodes.contains(cid);
    }

    @Override
    public String toString() {
        return "PeerSeen[root=" + root + ", nodes=" + nodes.size() + "]";
    }

    /** This, with more nodes taken in full. */
    public PeerSeen withNodes(Cid newRoot, Set<Cid> more) {
        Set<Cid> all = new HashSet<>(nodes);
        all.addAll(more);
        return new PeerSeen(newRoot, all);
    }
}
