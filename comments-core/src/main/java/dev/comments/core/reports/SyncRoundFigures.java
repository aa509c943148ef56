package dev.comments.core.reports;

/**
 * What one sync round did, in numbers: the agent's log line, its heartbeat and the
 * server's {@code /metrics} all report these.
 *
 * @param round         the round's number since the agent started (1, 2, …)
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
 * @param ms            the round's duration
 */
public record SyncRoundFigures(long round, boolean daemonUp, int peersFound, int peers, int peersFailed,
        int rootsListed, int foldersListed, int blocksFetched, int written, int rejected, int ignored, long ms) {

    /** The figures as the keys and values of the round's log event ({@code EventLog.event}), in this order. */
    public Object[] logPairs() {
        return new Object[] {"round", round, "daemon", daemonUp ? "up" : "down", "peers", peers, "found", peersFound,
            "failed", peersFailed, "roots_listed", rootsListed, "folders_listed", foldersListed,
            "blocks_fetched", blocksFetched, "written", written, "rejected", rejected, "ignored", ignored, "ms", ms};
    }
}
