package dev.comments.sync;

import static dev.comments.sync.testing.Pages.everything;
import static dev.comments.sync.testing.Pages.page;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.comments.core.cid.Cid;
import dev.comments.core.comment.Comment;
import dev.comments.core.comment.VerifiedComment;
import dev.comments.core.network.UrlHash;
import dev.comments.core.store.CommentStore;
import dev.comments.launch.Setting;
import dev.comments.sync.agent.SyncAgent;
import dev.comments.sync.pull.PeerOutcome;
import dev.comments.sync.round.RoundReport;
import dev.comments.sync.testing.Agents;
import dev.comments.sync.testing.DiskTree;
import dev.comments.sync.testing.TestPeer;
import dev.comments.testkit.data.TestComments;
import dev.comments.testkit.kubo.KuboCli;
import dev.comments.testkit.kubo.KuboDaemon;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A sync agent applies its own server's stamp minimum (docs/protocol.md §3.9) to what peers
 * offer: an entry whose id has fewer leading zero bits is never fetched (its name says so) and
 * not held against the peer, whose policy may be lower; stamped comments are taken.
 */
class StampSyncIT {

    private static final UrlHash PAGE = page("stamps");
    private static final int MIN_BITS = 6;

    @Test
    void entriesBelowOurMinimumAreNeverFetchedAndStampedOnesAreTaken() throws Exception {
        Path dir = Agents.freshDir("stamp-sync");
        Path data = dir.resolve("data");
        try (KuboDaemon local = KuboDaemon.start(dir.resolve("local"), "127.0.47.3");
             TestPeer peer = TestPeer.start(dir.resolve("peer"), "127.0.47.1", local.swarmAddress())) {
            VerifiedComment stamped = verified(TestComments.SIGNER.signStamped(PAGE.hex(), null, "Ada", "stamped", 1795530000000L, MIN_BITS));
            VerifiedComment unstamped = verified(TestComments.weakerThan(MIN_BITS, i -> TestComments.SIGNER.sign(PAGE.hex(), null, "Ada", "unstamped " + i, 1795530000000L)));
            VerifiedComment tooWeak = verified(TestComments.weakerThan(MIN_BITS, i -> TestComments.SIGNER.sign(PAGE.hex(), null, "Ada", "weak", 1795530000000L, i)));
            peer.serve(new DiskTree(dir.resolve("peer-tree")).add(stamped).add(unstamped).add(tooWeak).publish(peer.kubo()));

            CommentStore store = CommentStore.open(data);
            try (SyncAgent agent = Agents.open(Agents.env(data, local, Agents.freshNetwork())
                    .with(Setting.SYNC_STATIC_PEERS, peer.url().toString())
                    .with(Setting.STAMP_MIN_BITS, MIN_BITS))) {
                RoundReport round = agent.runRound();
                PeerOutcome outcome = round.outcome(peer.url());
                assertEquals(PeerOutcome.Status.SYNCED, outcome.status(), round.logLine());
                assertEquals(0, outcome.rejected(), "a lower policy is not the peer's fault: " + outcome);
                assertEquals(Set.of(stamped.id()), everything(store), "only the stamped comment was taken");
                for (VerifiedComment weak : new VerifiedComment[] {unstamped, tooWeak}) {
                    assertFalse(KuboCli.hasLocally(local, weak.id()), "a weak entry is never fetched: " + weak.id());
                }
            }
        }
    }

    private static VerifiedComment verified(Comment c) {
        return TestComments.verified(c.fileBytes());
    }
}
