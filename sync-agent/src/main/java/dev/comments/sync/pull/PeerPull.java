package dev.comments.sync.pull;

import dev.comments.core.kubo.KuboClient;
import dev.comments.core.store.CommentStore;
import dev.comments.core.withheld.WithheldLists;
import dev.comments.sync.config.SyncSettings;
import dev.comments.sync.peers.Peer;
import dev.comments.sync.state.PeerSeen;

/**
 * One round with one peer: {@code GET /} for its root; if the root is the one taken last
 * time, stop. Otherwise diff its tree against ours block by block (PeerWalk): read only the
 * folder nodes whose CIDs are neither ours nor taken from this peer before, and fetch,
 * through our daemon, only the comments our store lacks. Each fetched comment is verified
 * (CommentVerifier: bytes hash to the id, canonical, signature, limits, url = the folder's
 * page) before it is written.
 *
 * <p>Bounded against a peer that lies: a budget of blocks per round (the peer's own, at most
 * {@code maxBlocksPerPeer}, {@code PeerHealth}) is
 * spent by each folder node read and each comment fetched (what is left waits for the next
 * rounds, which skip every node already finished); each node is checked against its CID and
 * must be a flat folder or a HAMT shard no deeper than its hash allows; each comment read
 * is cut at 16 KiB + 1 byte; every call has a deadline; after
 * {@link PeerWalk#FAILURES_IN_A_ROW} failed calls in a row, or {@link PeerWalk#FAILURES} in all, the peer
 * is left for this round; and the whole walk stops after {@link PeerWalk#CALLS_OF_TIME} call
 * deadlines, so a peer that serves slowly cannot hold the round for long.
 */
public final class PeerPull {

    private final KuboClient kubo;
    private final CommentStore store;
    private final PeerApi api;
    private final SyncSettings settings;
    private final RefusedComments refused = new RefusedComments();
    /** Our own tree as the last round read it: read again only when our root changed. */
    private volatile LocalTree lastLocal = LocalTree.NONE;
    private final WithheldLists withheld;

    public PeerPull(KuboClient kubo, CommentStore store, PeerApi api, SyncSettings settings) {
        this.kubo = kubo.withTimeout(settings.timeout());
        this.store = store;
        this.api = api;
        this.settings = settings;
        this.withheld = new WithheldLists(settings.dataDir());
    }

    /** What the peers of a new round share (our own tree, read when first needed). */
    public RoundShared newRound() {
        return new RoundShared(kubo, settings.dataDir(), lastLocal, tree -> lastLocal = tree, withheld);
    }

    /** One peer's walk, costing at most {@code budget} blocks and ending by {@code roundEndsAt} (System.nanoTime). */
    public PeerOutcome pull(Peer peer, PeerSeen seen, RoundShared shared, int budget, long roundEndsAt) {
        return new PeerWalk(kubo, store, api, settings, peer, seen, shared, refused, budget, roundEndsAt).run();
    }

    /** The longest one peer's walk takes on its own: its calls' deadlines, {@link PeerWalk#CALLS_OF_TIME} of them. */
    public java.time.Duration walkDeadline() {
        return settings.timeout().multipliedBy(PeerWalk.CALLS_OF_TIME);
    }
}
