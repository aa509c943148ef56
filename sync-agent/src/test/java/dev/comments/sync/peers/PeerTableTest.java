package dev.comments.sync.peers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class PeerTableTest {

    private static final Peer A = new Peer(URI.create("http://127.0.0.3:8000/"), "12D3KooWA");
    private static final Peer B = new Peer(URI.create("http://127.0.0.4:8000/"), Peer.STATIC);
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private final PeerTable table = new PeerTable(Duration.ofSeconds(30), Duration.ofMinutes(4));

    @Test
    void aNewPeerIsDueAndAFailingOneWaitsTwiceAsLongEachTimeUpToTheMaximum() {
        assertEquals(List.of(A, B), table.due(List.of(A, B), T0));
        assertEquals(PeerHealth.State.NEW, table.state(A.url()));
        assertEquals(Duration.ofSeconds(30), table.failed(A.url(), T0));
        assertEquals(PeerHealth.State.BACKING_OFF, table.state(A.url()));
        assertEquals(List.of(B), table.due(List.of(A, B), T0.plusSeconds(29)));
        assertEquals(List.of(A, B), table.due(List.of(A, B), T0.plusSeconds(30)));
        assertEquals(Duration.ofSeconds(60), table.failed(A.url(), T0));
        assertEquals(Duration.ofSeconds(120), table.failed(A.url(), T0));
        assertEquals(Duration.ofMinutes(4), table.failed(A.url(), T0));
        assertEquals(Duration.ofMinutes(4), table.failed(A.url(), T0), "capped");
    }

    @Test
    void oneGoodRoundResetsTheBackoff() {
        table.due(List.of(A), T0);
        table.failed(A.url(), T0);
        table.failed(A.url(), T0);
        table.succeeded(A.url(), T0.plusSeconds(60));
        assertEquals(PeerHealth.State.HEALTHY, table.state(A.url()));
        assertEquals(List.of(A), table.due(List.of(A), T0.plusSeconds(60)));
        assertEquals(Duration.ofSeconds(30), table.failed(A.url(), T0.plusSeconds(60)));
    }

    @Test
    void aPeerNoLongerFoundIsRememberedForADaySoThatItsBudgetCannotBeResetByHidingForAWhile() {
        table.due(List.of(A, B), T0);
        table.yielded(A.url(), 0, 100, 2000, T0);
        assertEquals(2, table.size());
        table.due(List.of(B), T0.plus(Duration.ofHours(23)));
        assertEquals(2, table.size(), "not sampled for hours is not forgotten");
        assertEquals(62, table.budget(A.url(), 2000, T0.plus(Duration.ofHours(23))), "its budget is still its own");
        table.due(List.of(B), T0.plus(PeerTable.REMEMBER).plusSeconds(1));
        assertEquals(1, table.size());
    }

    @Test
    void aPeerOfMostlyRefusedAnswersIsLeftWithNothingAndOneOfValidAnswersEarnsTheMost() {
        table.due(List.of(A, B), T0);
        assertEquals(250, table.budget(A.url(), 2000, T0), "a new peer: an eighth");
        assertEquals(62, table.yielded(A.url(), 1, 250, 2000, T0), "mostly refused: a quarter");
        assertEquals(15 < PeerHealth.MIN_BUDGET ? 0 : 15, table.yielded(A.url(), 0, 62, 2000, T0));
        assertEquals(0, table.yielded(A.url(), 0, 10, 2000, T0), "down to nothing");
        assertEquals(PeerHealth.MIN_BUDGET, table.budget(A.url(), 2000, T0), "after its backoff, a trial of the least");
        assertEquals(java.util.Set.of(), table.proven());

        assertEquals(500, table.yielded(B.url(), 40, 0, 2000, T0), "valid new comments: twice");
        assertEquals(1000, table.yielded(B.url(), 40, 0, 2000, T0));
        assertEquals(2000, table.yielded(B.url(), 40, 0, 2000, T0));
        assertEquals(2000, table.yielded(B.url(), 40, 0, 2000, T0), "never past the most");
        assertEquals(2000, table.yielded(B.url(), 0, 0, 2000, T0), "nothing new: unchanged");
        assertEquals(java.util.Set.of(Peer.STATIC), table.proven(), "it delivered: preferred by the sampling");
    }
}
