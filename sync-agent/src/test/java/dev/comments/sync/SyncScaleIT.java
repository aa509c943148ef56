package dev.comments.sync;

import dev.comments.launch.Setting;
import dev.comments.launch.ServerSettings;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.comments.core.cid.Cid;
import dev.comments.core.dag.DagFolders;
import dev.comments.core.kubo.KuboClient;
import dev.comments.testkit.kubo.KuboDaemon;
import dev.comments.core.network.NetworkId;
import dev.comments.core.network.UrlHash;
import dev.comments.core.store.CommentStore;
import dev.comments.testkit.Folders;
import dev.comments.testkit.data.LargeStore;
import dev.comments.sync.agent.SyncAgent;
import dev.comments.sync.pull.PeerOutcome;
import dev.comments.sync.round.RoundReport;
import dev.comments.sync.testing.Agents;
import dev.comments.sync.testing.TestPeer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Sync at a size where caps used to leave pages unread: a peer holds 20,000 pages this
 * server lacks. The agent converges on every page over rounds of a bounded block budget,
 * each round going on where the last stopped; then one new comment costs the next round
 * only the nodes on the path to it (read from the round's report, not from timings).
 */
class SyncScaleIT {

    private static final int PAGES = 20_000;
    /** Less than the ~40,000 blocks of the whole tree: convergence needs several rounds. */
    private static final int BUDGET = 15_000;

    @Test
    void twentyThousandNewPagesAllArriveThenOneChangeCostsItsPath() throws Exception {
        Path dir = Folders.newScratch("sync-scale");
        NetworkId network = Agents.freshNetwork();
        try (KuboDaemon local = KuboDaemon.start(dir.resolve("local"), "127.0.43.2");
             TestPeer peer = TestPeer.start(dir.resolve("peer"), "127.0.43.1", local.swarmAddress())) {
            peer.announce(network);
            Path peerData = dir.resolve("peer-data");
            LargeStore.onePerPage(peerData, PAGES);
            KuboClient patient = peer.kubo().withTimeout(Duration.ofMinutes(10));
            Cid first = patient.add(peerData.resolve("comments")).getLast().hash();
            peer.serve(first);

            ServerSettings env = Agents.env(dir.resolve("data"), local, network).with(Setting.SYNC_MAX_BLOCKS_PER_PEER, BUDGET);
            CommentStore store = CommentStore.open(dir.resolve("data"));
            try (SyncAgent agent = Agents.open(env)) {
                List<RoundReport> rounds = new ArrayList<>();
                await("every one of the peer's pages arrives").atMost(Duration.ofMinutes(15))
                        .pollInterval(Duration.ofMillis(200)).pollDelay(Duration.ZERO)
                        .until(() -> {
                            RoundReport r = agent.runRound();
                            rounds.add(r);
                            PeerOutcome o = r.outcome(peer.url());
                            return o != null && o.status() == PeerOutcome.Status.SYNCED;
                        });
                assertEquals(PAGES, store.pages().size(), "every page, none left behind a cap");
                long rejected = rounds.stream().mapToLong(r -> r.figures().rejected()).sum();
                assertEquals(0, rejected);
                List<RoundReport> working = rounds.stream().filter(r -> r.figures().written() > 0).toList();
                assertTrue(working.size() >= 2, "the budget spreads the work over rounds: " + working.size());
                assertTrue(working.stream().allMatch(r -> r.figures().rootsListed() + r.figures().foldersListed()
                        + r.figures().blocksFetched() <= BUDGET), "no round spends more than its budget");

                UrlHash changed = new UrlHash(LargeStore.page(12_345));
                LargeStore.onOnePage(peerData, changed.hex(), 1, "one more on an old page");
                Cid second = patient.add(peerData.resolve("comments")).getLast().hash();
                peer.serve(second);
                RoundReport one = agent.runRound();
                PeerOutcome o = one.outcome(peer.url());
                int levels = DagFolders.pathTo(second, peer.kubo().block::get, changed.hex()).size(); // root nodes above the page
                assertEquals(PeerOutcome.Status.SYNCED, o.status(), one.logLine());
                assertEquals(levels, o.rootsListed(), "the root's nodes above the page, no other: " + one.logLine());
                assertEquals(1, o.foldersListed(), "the changed page's folder: " + one.logLine());
                assertEquals(1, o.blocksFetched(), "the new comment: " + one.logLine());
                assertEquals(1, o.written());
                assertEquals(2, store.list(changed).size());
                assertTrue(levels + 2 <= 5, "a root of 20,000 pages is at most three nodes deep: " + levels);
            }
        } finally {
            Folders.deleteRecursively(dir);
        }
    }

}
