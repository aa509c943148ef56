package dev.comments.sync.round;

import dev.comments.core.log.EventLog;
import dev.comments.core.reports.SyncRoundFigures;
import dev.comments.sync.pull.PeerOutcome;
import java.net.URI;
import java.util.List;

/**
 * What one round did: its figures (for the log line, the heartbeat and the server's
 * metrics) and each contacted peer's outcome. Tests assert these counts rather than timings.
 */
public record RoundReport(SyncRoundFigures figures, List<PeerOutcome> outcomes) {

    public RoundReport {
        outcomes = List.copyOf(outcomes);
    }

    static RoundReport daemonDown(long round, long ms) {
        return new RoundReport(new SyncRoundFigures(round, false, 0, 0, 0, 0, 0, 0, 0, 0, 0, ms), List.of());
    }

    /** A round that asked no peer because the disk is below its floor (its own log event says so). */
    static RoundReport paused(long round, long ms) {
        return new RoundReport(new SyncRoundFigures(round, true, 0, 0, 0, 0, 0, 0, 0, 0, 0, ms), List.of());
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
        return new RoundReport(new SyncRoundFigures(round, true, found, outcomes.size(), failed, roots, folders, blocks,
                written, rejected, ignored, ms), outcomes);
    }

    /** The outcome for the peer at this base URL, if it was contacted. */
    public PeerOutcome outcome(URI peer) {
        return outcomes.stream().filter(o -> o.peer().url().equals(peer)).findFirst().orElse(null);
    }

    /**
     * True when some peer's walk stopped at its budget or deadline (PARTIAL) after taking new
     * comments: more is waiting there, and the loop goes on soon rather than after the interval.
     * A peer that only spends our budget without bringing comments gets no such haste.
     */
    public boolean cutShortWithProgress() {
        return outcomes.stream().anyMatch(o -> o.status() == PeerOutcome.Status.PARTIAL && o.written() > 0);
    }

    /** The round's log event as its line says it, for messages (tests). */
    public String logLine() {
        return EventLog.fields("sync-round", figures.logPairs());
    }
}
