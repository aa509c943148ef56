package dev.comments.sync.pull;

import dev.comments.sync.peers.Peer;
import dev.comments.sync.state.PeerSeen;

/**
 * What one round did with one peer: how it ended, what is now known to be taken from it,
 * and the counts that go into the round's report.
 *
 * @param rootsListed   1 when the peer's root folder was listed (its root CID had changed)
 * @param foldersListed page folders listed
 * @param blocksFetched comment blocks fetched through the daemon
 * @param written       comments new to the store
 * @param rejected      comments refused: failed verification, oversize, or named for a block they are not
 * @param ignored       entries not of the expected shape (foreign names, entries past a cap)
 */
public record PeerOutcome(Peer peer, Status status, PeerSeen seen, String detail, int rootsListed, int foldersListed,
        int blocksFetched, int written, int rejected, int ignored) {

    public enum Status {
        /** Same root as last time: nothing was asked beyond GET /. */
        UNCHANGED(Effect.SUCCESS),
        /** Every folder that differed was read and everything it lacked was taken. */
        SYNCED(Effect.SUCCESS),
        /** Some work was left for the next round (a budget was spent, a fetch failed once). */
        PARTIAL(Effect.SUCCESS),
        /** The walk ran out of time with nothing new taken: a peer that answers just inside each deadline. */
        SLOW(Effect.BACKOFF),
        /** The peer or its blocks could not be reached. */
        UNREACHABLE(Effect.BACKOFF),
        /** The peer served something no honest server serves. What was valid was still taken. */
        INVALID(Effect.BACKOFF),
        /** Our own daemon or store failed: not the peer's fault, so no backoff. */
        LOCAL_FAILURE(Effect.NONE),
        /** It answered 503 busy or rebuilding: alive and honest, asked again next round, no backoff. */
        BUSY(Effect.NONE);

        private final Effect effect;

        Status(Effect effect) {
            this.effect = effect;
        }

        /** What the outcome does to the peer's health. */
        public Effect effect() {
            return effect;
        }
    }

    /** A peer's health after an outcome: reset, backed off, or left as it was. */
    public enum Effect { SUCCESS, BACKOFF, NONE }
}
