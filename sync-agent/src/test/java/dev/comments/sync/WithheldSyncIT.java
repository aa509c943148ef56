package dev.comments.sync;

import static dev.comments.sync.testing.Pages.everything;
import static dev.comments.sync.testing.Pages.comment;
import static dev.comments.sync.testing.Pages.page;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.comments.core.cid.Cid;
import dev.comments.core.comment.CommentSigner;
import dev.comments.core.comment.VerifiedComment;
import dev.comments.core.network.UrlHash;
import dev.comments.core.store.CommentStore;
import dev.comments.core.withheld.WithheldEntry;
import dev.comments.core.withheld.WithheldList;
import dev.comments.core.withheld.WithheldLists;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * What this server withholds, by its own list or by a list it follows from another operator
 * (fetched over HTTP), is never taken from a peer that still serves it, and what a followed
 * list newly names leaves the store; the rest of the peer's comments are taken, and the peer
 * is not blamed for them.
 */
class WithheldSyncIT {

    private static final UrlHash OPEN = page("withheld-open");
    private static final UrlHash GONE = page("withheld-gone");
    private static final CommentSigner SPAMMER = new CommentSigner(new byte[] {
        9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9});

    @Test
    void withheldCommentsKeysAndPagesAreNeverTakenFromPeersAndAFollowedListTakesThemOutOfTheStore() throws Exception {
        Path dir = Agents.freshDir("withheld-sync");
        Path data = dir.resolve("data");
        try (KuboDaemon local = KuboDaemon.start(dir.resolve("local"), "127.0.45.3");
             TestPeer peer = TestPeer.start(dir.resolve("peer"), "127.0.45.1", local.swarmAddress())) {
            VerifiedComment honest = comment(OPEN, "an honest comment");
            VerifiedComment ordered = comment(OPEN, "ordered down here");
            VerifiedComment spam = spam(OPEN, "spam from a key another operator withholds");
            VerifiedComment onGone = comment(GONE, "on a page another operator withholds");
            DiskTree tree = new DiskTree(dir.resolve("peer-tree"));
            peer.serve(tree.add(honest).add(ordered).add(spam).add(onGone).publish(peer.kubo()));

            CommentStore store = CommentStore.open(data);
            VerifiedComment oldSpam = spam(OPEN, "spam we took before the list named its key");
            store.write(oldSpam);
            WithheldLists lists = new WithheldLists(data);
            lists.writeOwn(WithheldList.EMPTY.with(WithheldEntry.comment(ordered.id(), "a notice")));
            peer.serveWithheld(WithheldList.EMPTY.with(WithheldEntry.key(SPAMMER.publicKey(), "spam"))
                    .with(WithheldEntry.page(GONE, "")).render("another operator's list"));

            try (SyncAgent agent = Agents.open(Agents.env(data, local, Agents.freshNetwork())
                    .with(Setting.SYNC_STATIC_PEERS, peer.url().toString())
                    .with(Setting.WITHHELD_FOLLOW, peer.url().resolve("withheld").toString()))) {
                RoundReport round = agent.runRound();
                PeerOutcome outcome = round.outcome(peer.url());
                assertEquals(PeerOutcome.Status.SYNCED, outcome.status(), round.logLine());
                assertEquals(0, outcome.rejected(), "withheld comments are not the peer's fault: " + outcome);
                assertEquals(Set.of(honest.id()), everything(store), "only what nobody withholds was taken");
                assertFalse(KuboCli.hasLocally(local, spam.id()), "a withheld key's comment leaves our daemon at once");
                assertTrue(Files.isRegularFile(data.resolve("withheld/files/" + OPEN.hex() + "/" + oldSpam.fileName())),
                        "the followed list took the spam we held before out of the store, into the held files");
                assertEquals(2, lists.followed(peer.url().resolve("withheld")).entries().size(), "a copy of the followed list");

                VerifiedComment later = comment(OPEN, "a later honest comment");
                peer.serve(tree.add(later).add(spam(GONE, "more")).publish(peer.kubo()));
                RoundReport next = agent.runRound();
                assertEquals(PeerOutcome.Status.SYNCED, next.outcome(peer.url()).status(), next.logLine());
                assertEquals(Set.of(honest.id(), later.id()), everything(store), "never taken, in any later round");
                assertEquals(List.of(), store.pages().stream().filter(GONE::equals).toList(), "no folder for a withheld page");
            }
        }
    }

    private static VerifiedComment spam(UrlHash page, String text) {
        return TestComments.verified(SPAMMER.sign(page.hex(), null, "Spammer", text, 1795530000000L).fileBytes());
    }
}
