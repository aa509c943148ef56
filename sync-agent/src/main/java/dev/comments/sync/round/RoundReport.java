package dev.comments.sync.round;

import dev.comments.sync.pull.PeerOutcome;
import java.util.List;

/**
 * What one round did, for the log line and for tests, which assert these counts rather
 * than timings.
 *
 * @param daemonUp      false when our own daemon did not answer: nothing else was tried
 * @param peersFound    peers discovered (DHT and static), this server excluded
 * @param peers         peers contacted (found and not in backoff)
 * @param peersFailed   peers put in backoff by this round
 * @param rootsListed   peers' root folders listed (their root had changed)
 * @param foldersListed peers' page folders listed
 * @param blocksFetched comment blocks fetched
 * @param written       comments new to the store
 * @param rejected      comments refused
 * @param ignored       entries of a foreign shape, or past a cap
 */
public record RoundReport(long round, boolean daemonUp, int peersFound, int peers, int peersFailed, int rootsListed,
        int foldersListed, int blocksFetched, int written, int rejected, int ignored, long ms,
        List<PeerOutcome> outcomes) {

    public RoundReport {
        outcomes = List.copyOf(outcomes);
    }

    static RoundReport daemonDown(long round, long ms) {
        return new RoundReport(round, false, 0, 0, 0, 0, 0, 0, 0, 0, 0, ms, List.of());
    }

    static RoundReport of(long round, int found, List<PeerOutcome> outcomes, long ms) {
        int failed = 0;
        int roots = 0;
        int folders = 0;
        int blocks = 0;
        int written = 0;
        int rejected = 0;
        int ignored = 0;
        for (PeerOutcome o : outcomes) {
            failed += o.status().effect() == PeerOutcome.Effect.BACKOFF ? 1 : 0;
            roots += o.rootsListed();
            folders += o.foldersListed();
            blocks += o.blocksFetched();
            written += o.written();
            rejected += o.rejected();
            ignored += o.ignored();
        }
        return new RoundReport(round, true, found, outcomes.size(), failed, roots, folders, blocks, written, rejected,
                ignored, ms, outcomes);
    }

    /** The outcome for the peer at this base URL, if it was contacted. */
    public PeerOutcome outcome(java.net.URI peer) {
        return outcomes.stream().filter(o -> o.peer().url().equals(peer)).findFirst().orElse(null);
    }

    /** The round's one structured log line. */
    public String logLine() {
        return "event=sync-round round=" + round + " daemon=" + (daemonUp ? "up" : "down") + " peers=" + peers
                + " found=" + peersFound + " failed=" + peersFailed + " roots_listed=" + rootsListed
                + " folders_listed=" + foldersListed + " blocks_fetched=" + blocksFetched + " written=" + written
                + " rejected=" + rejected + " ignored=" + ignored + " ms=" + ms;
    }
}
