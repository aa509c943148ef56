package dev.comments.sync;

import static dev.comments.sync.testing.Pages.everything;
import static dev.comments.sync.testing.Pages.comment;
import static dev.comments.sync.testing.Pages.page;
import static dev.comments.sync.testing.Pages.signed;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.comments.core.cid.Cid;
import dev.comments.core.comment.Comment;
import dev.comments.core.comment.CommentSigner;
import dev.comments.core.comment.VerifiedComment;
import dev.comments.core.kubo.PeerAddresses;
import dev.comments.core.network.NetworkId;
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
import dev.comments.testkit.kubo.KuboDaemon;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * One agent among a fleet of real daemons: two honest servers, two that serve forged comments,
 * one that serves valid spam, and one that answers {@code GET /} and each block just inside the
 * call deadline (its daemon frozen with SIGSTOP most of the time). The agent syncs with three of the six per
 * round, sampled. The honest comments converge; what the forgers cost falls to nothing after
 * their first round and the spammer never costs more than its budget; no round waits for the
 * slow peer beyond the round's deadline, and the slow peer is backed off.
 */
class SybilFleetIT {

    private static final int MAX_BLOCKS = 4000;
    /** Fresh forgeries each forger offers every round: a sybil that never runs out. */
    private static final int FORGED_PER_ROUND = 200;
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final Duration ROUND_DEADLINE = Duration.ofSeconds(10);
    private static final CommentSigner SPAMMER = new CommentSigner(new byte[] {
        7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7});

    @Test
    void honestCommentsConvergeSpamStaysWithinTheBudgetsAndNoRoundWaitsForTheSlowPeer() throws Exception {
        Path dir = Agents.freshDir("sybil-fleet");
        NetworkId network = Agents.freshNetwork();
        AtomicBoolean freezing = new AtomicBoolean(true);
        try (KuboDaemon local = KuboDaemon.start(dir.resolve("local"), "127.0.46.10");
             TestPeer honest1 = TestPeer.start(dir.resolve("h1"), "127.0.46.1", local.swarmAddress());
             TestPeer honest2 = TestPeer.start(dir.resolve("h2"), "127.0.46.2", local.swarmAddress());
             TestPeer forger1 = TestPeer.start(dir.resolve("f1"), "127.0.46.3", local.swarmAddress());
             TestPeer forger2 = TestPeer.start(dir.resolve("f2"), "127.0.46.4", local.swarmAddress());
             TestPeer spammer = TestPeer.start(dir.resolve("s"), "127.0.46.5", local.swarmAddress());
             TestPeer slow = TestPeer.start(dir.resolve("x"), "127.0.46.6", local.swarmAddress())) {
            List<TestPeer> fleet = List.of(honest1, honest2, forger1, forger2, spammer, slow);
            Set<Cid> honestIds = new HashSet<>();
            honest1.serve(tree(dir.resolve("t1"), honestIds, "first honest", 10, 3).publish(honest1.kubo()));
            honest2.serve(tree(dir.resolve("t2"), honestIds, "second honest", 10, 3).publish(honest2.kubo()));
            DiskTree forged1 = new DiskTree(dir.resolve("tf1"));
            DiskTree forged2 = new DiskTree(dir.resolve("tf2"));
            spammer.serve(spam(dir.resolve("ts")).publish(spammer.kubo()));
            slow.serve(foreign(dir.resolve("tx")).publish(slow.kubo()));
            for (TestPeer peer : fleet) {
                peer.announce(network);
            }
            Set<String> ids = new HashSet<>();
            fleet.forEach(p -> ids.add(p.daemon().peerId()));
            await("the agent's daemon finds the fleet under the network id").atMost(Duration.ofMinutes(2))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> local.client().routing.findprovs(network.dhtKey(), 20).stream().map(PeerAddresses::id)
                            .toList().containsAll(ids));
            slow.answerRootAfter(TIMEOUT.minusMillis(500));
            Thread freezer = Thread.ofVirtual().start(() -> freezeMostOfTheTime(slow.daemon(), freezing));

            CommentStore store = CommentStore.open(dir.resolve("data"));
            List<RoundReport> rounds = new ArrayList<>();
            try (SyncAgent agent = Agents.open(Agents.env(dir.resolve("data"), local, network)
                    .with(Setting.SYNC_MAX_PEERS, 3).with(Setting.SYNC_MAX_BLOCKS_PER_PEER, MAX_BLOCKS)
                    .with(Setting.SYNC_TIMEOUT_MS, TIMEOUT.toMillis())
                    .with(Setting.SYNC_ROUND_DEADLINE_MS, ROUND_DEADLINE.toMillis()))) {
                await("every honest comment arrives, and every peer was asked at least twice").atMost(Duration.ofMinutes(8))
                        .pollInterval(Duration.ofMillis(100)).pollDelay(Duration.ZERO).until(() -> {
                            forger1.serve(forge(forged1, "one", rounds.size()).publish(forger1.kubo()));
                            forger2.serve(forge(forged2, "two", rounds.size()).publish(forger2.kubo()));
                            rounds.add(agent.runRound());
                            return everything(store).containsAll(honestIds)
                                    && fleet.stream().allMatch(p -> asked(rounds, p.url()) >= 2);
                        });
            } finally {
                freezing.set(false);
                freezer.join();
            }

            for (TestPeer forger : List.of(forger1, forger2)) {
                List<PeerOutcome> asked = outcomes(rounds, forger.url());
                int total = asked.stream().mapToInt(SybilFleetIT::cost).sum();
                int budgets = MAX_BLOCKS / 8 + MAX_BLOCKS / 32 + MAX_BLOCKS / 128 + 16 * asked.size();
                assertTrue(asked.stream().allMatch(o -> o.written() == 0), "nothing forged was taken: " + asked);
                assertTrue(total <= budgets, "a forger's budget falls to a quarter each round, then to nothing and a trial"
                        + " of 16: " + total + " blocks over " + asked.size() + " rounds, against "
                        + FORGED_PER_ROUND * asked.size() + " offered: " + asked);
            }
            List<PeerOutcome> spam = outcomes(rounds, spammer.url());
            int budget = MAX_BLOCKS / 8;
            for (PeerOutcome o : spam) {
                assertTrue(cost(o) <= budget, "valid spam within the budget it earned (" + budget + "): " + o);
                budget = o.written() > 0 && o.rejected() == 0 ? Math.min(MAX_BLOCKS, budget * 2) : budget;
            }
            assertTrue(outcomes(rounds, slow.url()).stream().anyMatch(o -> o.status() == PeerOutcome.Status.SLOW),
                    "the slow peer is backed off as slow: " + outcomes(rounds, slow.url()));
            long bound = ROUND_DEADLINE.plus(TIMEOUT.multipliedBy(4)).toMillis(); // the deadline, a call in flight, discovery
            for (RoundReport r : rounds) {
                assertTrue(r.figures().ms() <= bound, "the slow peer alone would hold a round for minutes: " + r.logLine());
            }
            Set<Cid> unexpected = everything(store);
            unexpected.removeAll(honestIds);
            unexpected.removeAll(spamIds);
            assertEquals(Set.of(), unexpected, "only what was valid");
        }
    }

    private final Set<Cid> spamIds = new HashSet<>();

    /** {@code pages} pages of {@code each} valid comments; their ids go to {@code ids}. */
    private static DiskTree tree(Path at, Set<Cid> ids, String who, int pages, int each) {
        DiskTree tree = new DiskTree(at);
        for (int p = 0; p < pages; p++) {
            for (int c = 0; c < each; c++) {
                VerifiedComment comment = comment(page(who + "-" + p), who + " " + p + "/" + c);
                tree.add(comment);
                ids.add(comment.id());
            }
        }
        return tree;
    }

    /** Adds a page of fresh comments whose text was changed after signing, each named by its own bytes' CID. */
    private static DiskTree forge(DiskTree tree, String who, int round) {
        UrlHash page = page("forged-" + who + "-" + round);
        for (int c = 0; c < FORGED_PER_ROUND; c++) {
            Comment signed = signed(page, "signed " + c);
            byte[] bytes = new Comment(signed.v(), signed.url(), signed.parent(), signed.author(), "shown " + c,
                    signed.ts(), signed.key(), signed.sig()).fileBytes();
            tree.file(page.hex(), Cid.ofRaw(bytes) + ".json", bytes);
        }
        return tree;
    }

    /**
     * 5,000 pages of one file that is no comment (ignored, never refused): a root sharded two
     * levels deep, so the walk needs several block fetches one after the other.
     */
    private static DiskTree foreign(Path at) {
        DiskTree tree = new DiskTree(at);
        for (int p = 0; p < 5000; p++) {
            tree.file(page("slow-" + p).hex(), "notes.txt", ("note " + p).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        return tree;
    }

    /** 100 pages of 10 valid comments from one key. */
    private DiskTree spam(Path at) {
        DiskTree tree = new DiskTree(at);
        for (int p = 0; p < 100; p++) {
            for (int c = 0; c < 10; c++) {
                VerifiedComment comment = TestComments.verified(SPAMMER.sign(page("spam-" + p).hex(), null, "Spam",
                        "buy " + p + "/" + c, 1795530000000L).fileBytes());
                tree.add(comment);
                spamIds.add(comment.id());
            }
        }
        return tree;
    }

    /** The daemon is stopped 4.5 s and runs 0.2 s, over and over: each block arrives just inside a 5 s deadline. */
    private static void freezeMostOfTheTime(KuboDaemon daemon, AtomicBoolean freezing) {
        try {
            while (freezing.get()) {
                signal(daemon, "-STOP");
                Thread.sleep(4500); // the freeze itself is what is tested: a paced peer, not a wait for a condition
                signal(daemon, "-CONT");
                Thread.sleep(200);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            signal(daemon, "-CONT");
        }
    }

    private static void signal(KuboDaemon daemon, String signal) {
        try {
            new ProcessBuilder("kill", signal, String.valueOf(daemon.pid())).start().waitFor();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static List<PeerOutcome> outcomes(List<RoundReport> rounds, URI peer) {
        return rounds.stream().map(r -> r.outcome(peer)).filter(o -> o != null).toList();
    }

    private static long asked(List<RoundReport> rounds, URI peer) {
        return outcomes(rounds, peer).size();
    }

    private static int cost(PeerOutcome o) {
        return o.rootsListed() + o.foldersListed() + o.blocksFetched();
    }
}
