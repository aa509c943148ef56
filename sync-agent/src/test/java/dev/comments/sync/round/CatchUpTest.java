package dev.comments.sync.round;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.comments.sync.agent.SyncLoop;
import dev.comments.sync.peers.Peer;
import dev.comments.sync.pull.PeerOutcome;
import dev.comments.sync.pull.PeerOutcome.Status;
import dev.comments.sync.state.PeerSeen;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** When the loop runs the next round soon: only after a round cut short that brought comments. */
class CatchUpTest {

    private static final Peer PEER = new Peer(URI.create("http://127.0.0.9:8000/"), Peer.STATIC);

    private static RoundReport round(Status status, int written) {
        PeerOutcome o = new PeerOutcome(PEER, status, PeerSeen.NOTHING, "", 1, 1, written, written, 0, 0);
        return RoundReport.of(1, 1, List.of(o), 10);
    }

    @Test
    void aRoundCutShortThatBroughtCommentsIsFollowedSoon() {
        assertTrue(round(Status.PARTIAL, 700).cutShortWithProgress());
        assertEquals(200, SyncLoop.nextWaitMillis(Duration.ofSeconds(30), true));
        assertEquals(200, SyncLoop.nextWaitMillis(Duration.ofMillis(200), true), "never later than the interval");
    }

    @Test
    void otherRoundsWaitTheIntervalWithItsJitter() {
        assertFalse(round(Status.PARTIAL, 0).cutShortWithProgress(), "a peer that brings nothing gets no haste");
        assertFalse(round(Status.SYNCED, 700).cutShortWithProgress(), "a finished peer waits for the interval");
        assertFalse(round(Status.UNREACHABLE, 0).cutShortWithProgress());
        long wait = SyncLoop.nextWaitMillis(Duration.ofSeconds(30), false);
        assertTrue(wait >= 30_000 && wait <= 33_000, String.valueOf(wait));
    }
}
