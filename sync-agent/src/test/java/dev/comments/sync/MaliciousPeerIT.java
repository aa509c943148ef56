package dev.comments.sync;

import static dev.comments.sync.testing.Pages.everything;
import static dev.comments.sync.testing.Pages.comment;
import static dev.comments.sync.testing.Pages.page;
import static dev.comments.sync.testing.Pages.signed;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.comments.core.cid.Cid;
import dev.comments.core.comment.Comment;
import dev.comments.core.comment.VerifiedComment;
import dev.comments.core.kubo.KuboClient;
import dev.comments.testkit.kubo.KuboCli;
import dev.comments.testkit.kubo.KuboDaemon;
import dev.comments.core.kubo.PeerAddresses;
import dev.comments.core.network.NetworkId;
import dev.comments.core.network.UrlHash;
import dev.comments.core.store.CommentStore;
import dev.comments.sync.agent.SyncAgent;
import dev.comments.sync.pull.PeerOutcome;
import dev.comments.sync.round.RoundReport;
import dev.comments.sync.testing.Agents;
import dev.comments.sync.testing.DiskTree;
import dev.comments.sync.testing.TestPeer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A peer that lies (a real HTTP server and a real kubo daemon holding crafted blocks and
 * folders) beside an honest one: nothing invalid reaches the store, the valid comments
 * the liar also serves are taken, and the agent keeps syncing with the honest peer.
 */
class MaliciousPeerIT {

    private static final UrlHash P1 = page("evil-1");
    private static final UrlHash P2 = page("evil-2");
    private static final UrlHash WIDE = page("evil-wide");
    private static final UrlHash DEEP = page("evil-deep");
    private static final UrlHash AS_FILE = page("evil-file");
    private static final UrlHash HONEST_PAGE = page("honest");

    @Test
    void nothingInvalidReachesTheStoreTheValidPartIsTakenAndTheHonestPeerIsStillSynced() throws Exception {
        Path dir = Agents.freshDir("malicious");
        NetworkId network = Agents.freshNetwork();
        try (KuboDaemon local = KuboDaemon.start(dir.resolve("local"), "127.0.41.33");
             TestPeer honest = TestPeer.start(dir.resolve("honest"), "127.0.41.31", local.swarmAddress());
             TestPeer evil = TestPeer.start(dir.resolve("evil"), "127.0.41.32", local.swarmAddress())) {
            honest.announce(network);
            evil.announce(network);

            DiskTree honestTree = new DiskTree(dir.resolve("honest-tree"));
            VerifiedComment h1 = comment(HONEST_PAGE, "honest one");
            VerifiedComment h2 = comment(P1, "honest on the evil page");
            honest.serve(honestTree.add(h1).add(h2).publish(honest.kubo()));

            Set<Cid> takenFromEvil = new HashSet<>();
            Set<Cid> refusedBlocks = new HashSet<>();
            evil.serve(craft(evil.kubo(), takenFromEvil, refusedBlocks));

            await("the agent's daemon finds both peers under the network id").atMost(Duration.ofMinutes(2))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> local.client().routing.findprovs(network.dhtKey(), 5).stream().map(PeerAddresses::id)
                            .toList().containsAll(List.of(honest.daemon().peerId(), evil.daemon().peerId())));

            CommentStore store = CommentStore.open(dir.resolve("data"));
            try (SyncAgent agent = Agents.open(Agents.env(dir.resolve("data"), local, network))) {
                RoundReport round = agent.runRound();
                assertEquals(2, round.figures().peers(), round.logLine());
                PeerOutcome bad = round.outcome(evil.url());
                PeerOutcome good = round.outcome(honest.url());
                assertEquals(PeerOutcome.Status.INVALID, bad.status(), bad.toString());
                assertEquals(5, bad.rejected(), "forged signature, misnamed bytes, wrong folder, oversize, folder as a comment: " + bad);
                assertEquals(4, bad.blocksFetched(), "misnamed entries are refused without fetching: " + bad);
                assertTrue(bad.rootsListed() + bad.foldersListed() + bad.blocksFetched() <= 2000,
                        "the wide folder (100,000 entries, thousands of shards) is read only as far as the round's"
                        + " block budget: " + bad);
                assertTrue(bad.ignored() >= 1000, "its foreign names are ignored, never refused: " + bad);
                assertEquals(PeerOutcome.Status.SYNCED, good.status(), good.toString());
                assertEquals(1, round.figures().peersFailed());

                Set<Cid> expected = new HashSet<>(takenFromEvil);
                expected.add(h1.id());
                expected.add(h2.id());
                assertEquals(expected, everything(store), "exactly the valid comments, from either peer");
                assertEquals(Set.of(P1, HONEST_PAGE), Set.copyOf(store.pages()), "no folder for pages only liars wrote to");
                for (Cid refusedBlock : refusedBlocks) {
                    assertFalse(KuboCli.hasLocally(local, refusedBlock), "a refused block takes no room in our repository: " + refusedBlock);
                }

                VerifiedComment h3 = comment(HONEST_PAGE, "honest two");
                honest.serve(honestTree.add(h3).publish(honest.kubo()));
                RoundReport next = agent.runRound();
                assertEquals(PeerOutcome.Status.SYNCED, next.outcome(honest.url()).status(), next.logLine());
                assertTrue(store.read(HONEST_PAGE, h3.id()).isPresent());
                PeerOutcome badAgain = next.outcome(evil.url());
                assertTrue(badAgain == null || badAgain.status() == PeerOutcome.Status.UNCHANGED,
                        "the liar is left alone (backoff) or costs one GET /: " + badAgain);
                assertEquals(0, next.figures().rejected());
            }
        }
    }

    /**
     * Builds the liar's tree in its daemon's files API; returns its root. Adds the ids it serves
     * validly to {@code valid}, and the blocks the agent must fetch to refuse to {@code refused}.
     */
    private static Cid craft(KuboClient kubo, Set<Cid> valid, Set<Cid> refused) throws IOException, InterruptedException {
        String root = "/evil";
        // a valid comment: taken
        VerifiedComment fine = comment(P1, "valid, from the liar");
        put(kubo, fine.fileBytes(), root + "/" + P1 + "/" + fine.fileName());
        valid.add(fine.id());
        // a forged signature: canonical bytes named by their own CID, but the text was changed after signing
        Comment signed = signed(P1, "what was signed");
        byte[] forged = new Comment(signed.v(), signed.url(), signed.parent(), signed.author(), "what is shown",
                signed.ts(), signed.key(), signed.sig()).fileBytes();
        put(kubo, forged, root + "/" + P1 + "/" + Cid.ofRaw(forged) + ".json");
        refused.add(Cid.ofRaw(forged));
        // bytes that do not hash to their name: another comment's id, linking to a different block
        VerifiedComment claimed = comment(P1, "the name says this one");
        VerifiedComment actual = comment(P1, "but the bytes are this one");
        kubo.block.put(actual.fileBytes());
        kubo.files.cp(actual.id(), root + "/" + P1 + "/" + claimed.fileName());
        // a valid comment about P1, filed under P2
        VerifiedComment elsewhere = comment(P1, "filed in the wrong folder");
        put(kubo, elsewhere.fileBytes(), root + "/" + P2 + "/" + elsewhere.fileName());
        // an oversize block, named by its own CID
        byte[] big = ("{\"text\":\"" + "a".repeat(20_000) + "\"}").getBytes(StandardCharsets.UTF_8);
        put(kubo, big, root + "/" + P1 + "/" + Cid.ofRaw(big) + ".json");
        refused.add(Cid.ofRaw(big));
        // a folder under a comment's name, with a valid comment inside
        VerifiedComment hidden = comment(P1, "inside a folder named like a comment");
        String fake = root + "/" + P1 + "/" + comment(P1, "never a folder").fileName();
        kubo.files.mkdir(fake);
        put(kubo, hidden.fileBytes(), fake + "/" + hidden.fileName());
        // names that are not ids in a page, and pages that are not urlHashes
        put(kubo, fine.fileBytes(), root + "/" + P1 + "/hello.json");
        put(kubo, fine.fileBytes(), root + "/" + P1 + "/" + fine.id().text());
        put(kubo, fine.fileBytes(), root + "/" + P1.hex().toUpperCase() + "/" + fine.fileName());
        put(kubo, fine.fileBytes(), root + "/NOT-A-HASH/" + fine.fileName());
        put(kubo, fine.fileBytes(), root + "/" + AS_FILE);
        // a deep tree: folders named like pages inside a page
        VerifiedComment deep = comment(DEEP, "ten folders down");
        String path = root + "/" + DEEP;
        for (int i = 0; i < 10; i++) {
            path += "/" + DEEP;
        }
        put(kubo, deep.fileBytes(), path + "/" + deep.fileName());
        // a folder of 100,000 entries
        kubo.files.cp(wideFolder(kubo, 100_000), root + "/" + WIDE);
        return kubo.files.flush(root);
    }

    /**
     * A folder of n two-byte files, added by kubo's own {@code add} (which shards it, as
     * kubo does any large folder), without writing 100,000 files to disk: the multipart body
     * is made in memory and sent over a plain socket, written by one thread while this one
     * reads kubo's answer of one line per entry (KuboClient.add(Path) asks kubo to be silent
     * instead). HTTP/1.0: an answer without chunking, ended by the close.
     */
    private static Cid wideFolder(KuboClient kubo, int n) throws IOException, InterruptedException {
        String boundary = "wide-folder-boundary";
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        body.writeBytes(part(boundary, "wide", "application/x-directory"));
        body.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        for (int i = 0; i < n; i++) {
            body.writeBytes(part(boundary, "wide%2Fentry-" + i + ".json", "application/octet-stream"));
            body.writeBytes("{}\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        byte[] bytes = body.toByteArray();
        byte[] head = ("POST /api/v0/add?cid-version=1&raw-leaves=true&pin=true&progress=false HTTP/1.0\r\n"
                + "Host: " + kubo.api().getAuthority() + "\r\nContent-Type: multipart/form-data; boundary=" + boundary
                + "\r\nContent-Length: " + bytes.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        try (java.net.Socket socket = new java.net.Socket(kubo.api().getHost(), kubo.api().getPort())) {
            socket.setSoTimeout(180_000);
            java.util.concurrent.atomic.AtomicReference<IOException> failed = new java.util.concurrent.atomic.AtomicReference<>();
            Thread writer = Thread.ofVirtual().start(() -> {
                try {
                    socket.getOutputStream().write(head);
                    socket.getOutputStream().write(bytes);
                    socket.getOutputStream().flush();
                } catch (IOException e) {
                    failed.set(e);
                }
            });
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            writer.join();
            if (failed.get() != null) {
                throw failed.get();
            }
            assertTrue(answer.startsWith("HTTP/1.0 200"), answer.lines().findFirst().orElse(""));
            String last = answer.strip().lines().reduce((a, b) -> b).orElseThrow();
            assertTrue(last.startsWith("{\"Name\":\"wide\""), last);
            return Cid.parse(last.replaceAll(".*\"Hash\":\"([a-z2-7]+)\".*", "$1"));
        }
    }

    private static byte[] part(String boundary, String name, String type) {
        return ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + name
                + "\"\r\nContent-Type: " + type + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    private static void put(KuboClient kubo, byte[] bytes, String path) {
        Cid cid = kubo.block.put(bytes).key();
        kubo.files.cp(cid, path);
    }
}
