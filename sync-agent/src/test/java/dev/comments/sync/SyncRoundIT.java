package dev.comments.sync;

import dev.comments.launch.Setting;
import dev.comments.launch.ServerSettings;
import static dev.comments.sync.testing.Pages.comment;
import static dev.comments.sync.testing.Pages.page;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.comments.core.cid.Cid;
import dev.comments.core.comment.VerifiedComment;
import dev.comments.testkit.kubo.KuboDaemon;
import dev.comments.core.network.NetworkId;
import dev.comments.core.network.UrlHash;
import dev.comments.core.store.CommentStore;
import dev.comments.sync.agent.SyncAgent;
import dev.comments.sync.pull.PeerOutcome;
import dev.comments.sync.round.RoundReport;
import dev.comments.sync.testing.Agents;
import dev.comments.sync.testing.DiskTree;
import dev.comments.sync.testing.TestPeer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * Sync rounds run in-process against real kubo daemons and real HTTP peers
 * ({@link TestPeer}): what a round costs, and how it lives through peers and its own
 * daemon going away. The agent finds every peer through the DHT.
 */
class SyncRoundIT {

    private static final Duration DEADLINE = Duration.ofMinutes(3);

    @Test
    void afterOneNewCommentARoundListsOnlyThatPageAndFetchesOnlyThatBlock() throws Exception {
        Path dir = Agents.freshDir("cost");
        NetworkId network = Agents.freshNetwork();
        try (KuboDaemon local = KuboDaemon.start(dir.resolve("local"), "127.0.41.2");
             TestPeer peer = TestPeer.start(dir.resolve("peer"), "127.0.41.1", local.swarmAddress())) {
            peer.announce(network);
            DiskTree tree = new DiskTree(dir.resolve("tree"));
            for (int p = 0; p < 100; p++) {
                for (int c = 0; c < 10; c++) {
                    tree.add(comment(page("p" + p), "comment " + c + " on page " + p));
                }
            }
            peer.serve(tree.publish(peer.kubo()));
            ServerSettings env = Agents.env(dir.resolve("data"), local, network);
            CommentStore store = CommentStore.open(dir.resolve("data"));

            try (SyncAgent agent = Agents.open(env)) {
                RoundReport first = roundUntil(agent, r -> r.figures().peers() == 1, "the agent finds the peer through the DHT");
                assertEquals(PeerOutcome.Status.SYNCED, first.outcome(peer.url()).status(), first.outcomes().toString());
                assertEquals(1, first.figures().rootsListed());
                assertEquals(100, first.figures().foldersListed());
                assertEquals(1000, first.figures().blocksFetched());
                assertEquals(1000, first.figures().written());
                assertEquals(100, store.pages().size());

                RoundReport idle = agent.round().run();
                assertEquals(PeerOutcome.Status.UNCHANGED, idle.outcome(peer.url()).status());
                assertEquals(0, idle.figures().rootsListed() + idle.figures().foldersListed() + idle.figures().blocksFetched() + idle.figures().written(),
                        "an unchanged root costs one GET /: " + idle.logLine());

                VerifiedComment added = comment(page("p42"), "one more on page 42");
                peer.serve(tree.add(added).publish(peer.kubo()));
                RoundReport one = agent.round().run();
                assertEquals(1, one.figures().rootsListed(), one.logLine());
                assertEquals(1, one.figures().foldersListed(), "only the changed page is listed: " + one.logLine());
                assertEquals(1, one.figures().blocksFetched(), "only the new comment is fetched: " + one.logLine());
                assertEquals(1, one.figures().written(), one.logLine());
                assertEquals(0, one.figures().rejected());
                assertTrue(store.read(page("p42"), added.id()).isPresent());
                assertEquals(11, store.list(page("p42")).size());
            }

            try (SyncAgent restarted = Agents.open(env)) {
                RoundReport after = roundUntil(restarted, r -> r.figures().peers() == 1, "the restarted agent finds the peer");
                assertEquals(PeerOutcome.Status.UNCHANGED, after.outcome(peer.url()).status(),
                        "the state file remembers the peer's root: " + after.logLine());
                assertEquals(0, after.figures().foldersListed() + after.figures().blocksFetched());
            }
            assertTrue(Files.isRegularFile(dir.resolve("data/sync-agent.heartbeat")));
        }
    }

    @Test
    void theAgentLivesThroughItsPeerAndItsOwnDaemonGoingDownAndRecovers() throws Exception {
        Path dir = Agents.freshDir("survival");
        NetworkId network = Agents.freshNetwork();
        UrlHash page = page("survival");
        try (KuboDaemon local = KuboDaemon.start(dir.resolve("local"), "127.0.41.22");
             TestPeer peer = TestPeer.start(dir.resolve("peer"), "127.0.41.21", local.swarmAddress())) {
            peer.announce(network);
            DiskTree tree = new DiskTree(dir.resolve("tree"));
            peer.serve(tree.add(comment(page, "first")).publish(peer.kubo()));
            CommentStore store = CommentStore.open(dir.resolve("data"));
            try (SyncAgent agent = Agents.open(Agents.env(dir.resolve("data"), local, network))) {
                roundUntil(agent, r -> stored(store, page) == 1, "the first comment is taken");

                peer.stopHttp();
                RoundReport refused = agent.round().run();
                assertEquals(PeerOutcome.Status.UNREACHABLE, refused.outcome(peer.url()).status());
                assertEquals(1, refused.figures().peersFailed());
                peer.serve(tree.add(comment(page, "second")).publish(peer.kubo()));
                peer.startHttp();
                roundUntil(agent, r -> stored(store, page) == 2, "the peer's HTTP API is back: the second comment is taken");

                peer.serve(tree.add(comment(page, "third")).publish(peer.kubo()));
                peer.daemon().stop(); // the API still answers, but the blocks are out of reach
                RoundReport blocksGone = roundUntil(agent, r -> r.outcome(peer.url()) != null, "the peer is tried again");
                assertEquals(PeerOutcome.Status.UNREACHABLE, blocksGone.outcome(peer.url()).status(), blocksGone.logLine());
                assertEquals(2, stored(store, page));
                peer.daemon().restart();
                roundUntil(agent, r -> stored(store, page) == 3, "the peer's daemon is back: the third comment is taken");

                local.stop();
                RoundReport down = agent.round().run();
                assertFalse(down.figures().daemonUp(), "our own daemon is down: " + down.logLine());
                assertEquals(0, down.figures().peers(), "no peer is asked, nor blamed");
                peer.serve(tree.add(comment(page, "fourth")).publish(peer.kubo()));
                local.restart();
                roundUntil(agent, r -> stored(store, page) == 4, "our daemon is back: the fourth comment is taken");
            }

            peer.serve(tree.add(comment(page, "fifth")).publish(peer.kubo()));
            // a floor above any disk: the data folder's file system is "full"
            try (SyncAgent full = Agents.open(Agents.env(dir.resolve("data"), local, network).with(Setting.DISK_FREE_MIN_MB, 2_000_000_000))) {
                RoundReport paused = full.runRound();
                assertEquals(0, paused.figures().peers(), "a disk below its floor pulls nothing: " + paused.logLine());
                assertEquals(4, stored(store, page));
            }
            try (SyncAgent roomAgain = Agents.open(Agents.env(dir.resolve("data"), local, network))) {
                roundUntil(roomAgain, r -> stored(store, page) == 5, "with room again the fifth comment is taken");
            }
        }
    }

    @Test
    void aStaticPeerIsSyncedWithoutTheDhtAndTheServerNeverSyncsWithItself() throws Exception {
        Path dir = Agents.freshDir("static");
        NetworkId network = Agents.freshNetwork();
        UrlHash page = page("static");
        try (KuboDaemon local = KuboDaemon.start(dir.resolve("local"), "127.0.41.42");
             TestPeer peer = TestPeer.start(dir.resolve("peer"), "127.0.41.41", local.swarmAddress())) {
            // the peer does not provide the network id: only the configuration names it
            peer.serve(new DiskTree(dir.resolve("tree")).add(comment(page, "from a static peer")).publish(peer.kubo()));
            ServerSettings env = Agents.env(dir.resolve("data"), local, network).with(Setting.HTTP_PORT, 8000)
                    .with(Setting.SYNC_STATIC_PEERS, peer.url() + ", http://" + local.ip() + ":8000");
            CommentStore store = CommentStore.open(dir.resolve("data"));
            try (SyncAgent agent = Agents.open(env)) {
                RoundReport round = roundUntil(agent, r -> stored(store, page) == 1, "the static peer's comment is taken");
                assertEquals(1, round.figures().peersFound(), "the server's own URL is not a peer: " + round.logLine());
                assertEquals("static", round.outcome(peer.url()).peer().source());
            }
        }
    }

    static RoundReport roundUntil(SyncAgent agent, Predicate<RoundReport> done, String what) {
        return await(what).atMost(DEADLINE).pollInterval(Duration.ofMillis(500)).pollDelay(Duration.ZERO)
                .until(() -> agent.runRound(), done::test);
    }

    static int stored(CommentStore store, UrlHash page) {
        try {
            return store.list(page).size();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static Cid id(VerifiedComment c) {
        return c.id();
    }
}
