package dev.comments.server;

import static dev.comments.testkit.data.TestComments.SIGNER;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.comments.core.cid.Cid;
import dev.comments.core.kubo.Dag;
import dev.comments.testkit.kubo.KuboCli;
import dev.comments.testkit.kubo.KuboDaemon;
import dev.comments.testkit.data.LargeStore;
import dev.comments.testkit.server.Api;
import dev.comments.testkit.server.Api.Reply;
import dev.comments.testkit.server.PayaraServer;
import dev.comments.testkit.server.PrometheusText;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/**
 * The publisher while pages change without pause, on its own server (the shipped WAR on
 * Payara Micro, a real kubo): every {@code GET /} after a post answers 200 with a tree that
 * holds the page just posted to.
 */
class ServerPublishingIT {

    private static final String IP = "127.0.37.1";

    /**
     * The daemon watch checks every 2 s that the daemon still pins our root while GETs publish
     * and move that pin: a check that read the root just before a move must not take the moved
     * pin for a lost repository and start a rebuild (503 for every reader meanwhile).
     */
    @Test
    void theTreeStaysPublishedWhilePagesChangeWithoutPause() throws Exception {
        Path dir = ServerRecoveryIT.freshDir("publishing");
        try (KuboDaemon daemon = KuboDaemon.start(dir.resolve("kubo"), IP);
             PayaraServer server = new PayaraServer(dir.resolve("payara"), PayaraServer.settings(dir.resolve("data"), daemon, IP).withoutRateLimit()).start()) {
            server.awaitUp(Duration.ofSeconds(90));
            Api api = new Api(server.base(), IP);
            long until = System.nanoTime() + Duration.ofSeconds(12).toNanos();
            int posts = 0;
            while (System.nanoTime() < until && posts < 400) {
                String page = HexFormat.of().formatHex(randomBytes());
                assertEquals(201, api.post(page, SIGNER.sign(page, null, "Busy", "post " + posts, posts).fileBytes()).status());
                posts++;
                Reply root = api.get("");
                assertEquals(200, root.status(), "GET / after post " + posts + ": " + root);
                assertTrue(daemon.client().ls(root.json().getString("cid")).stream()
                        .anyMatch(l -> l.name().equals(page)), "the tree holds the page just posted to");
            }
            assertTrue(posts >= 50, "only " + posts + " posts in 12 s");
        }
    }

    /**
     * A page of 3,000 comments (a sharded folder) gains comments one by one: each answer is
     * the CID kubo's own {@code add -r} gives the page's folder, the daemon holds every block
     * of it, and a new comment costs the daemon a handful of blocks (the comment, the folder's
     * shards above it, the root), not the folder again. A file gone from the folder (a
     * quarantine) is gone from the next answer too.
     */
    @Test
    void aLargePageGrowsByItsNewCommentsAlone() throws Exception {
        Path dir = ServerRecoveryIT.freshDir("large-page");
        Path data = dir.resolve("data");
        String page = LargeStore.onOnePage(data, "c".repeat(64), 3_000, "large page");
        Path folder = data.resolve("comments").resolve(page);
        String ip = "127.0.37.2";
        try (KuboDaemon daemon = KuboDaemon.start(dir.resolve("kubo"), ip);
             PayaraServer server = new PayaraServer(dir.resolve("payara"), PayaraServer.settings(data, daemon, ip).withoutRateLimit()).start()) {
            server.awaitUp(Duration.ofSeconds(90));
            Api api = new Api(server.base(), ip);
            await("the tree is published").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(250))
                    .until(() -> api.get(page).status() == 200);
            assertFolderAsKuboBuildsIt(api, daemon, page, folder, 3_000);
            for (int i = 1; i <= 5; i++) {
                double before = publishedBlocks(api);
                assertEquals(201, api.post(page, SIGNER.sign(page, null, "Grows", "new " + i, i).fileBytes()).status());
                assertFolderAsKuboBuildsIt(api, daemon, page, folder, 3_000 + i);
                double sent = publishedBlocks(api) - before;
                assertTrue(sent >= 3 && sent <= 8, "a new comment in a page of 3,000 sends itself, the shards above"
                        + " it and the root, not the whole folder again: " + sent + " blocks");
            }
            try (var files = Files.list(folder)) {
                Files.delete(files.findFirst().orElseThrow());
            }
            assertEquals(201, api.post(page, SIGNER.sign(page, null, "Grows", "after a removal", 9).fileBytes()).status());
            assertFolderAsKuboBuildsIt(api, daemon, page, folder, 3_005);
        }
    }

    private static void assertFolderAsKuboBuildsIt(Api api, KuboDaemon daemon, String page, Path folder, int count) {
        Reply reply = api.get(page);
        assertEquals(200, reply.status(), reply.toString());
        assertEquals(count, reply.json().getInt("count"), reply.toString());
        Cid cid = Cid.parse(reply.json().getString("cid"));
        assertEquals(KuboCli.hashRecursive(daemon, folder).get(page), cid, "kubo's own CID of the page's folder");
        // one daemon, no peers: a block it lacks would never come, and the call times out
        Dag.DagStat stat = daemon.client().withTimeout(Duration.ofSeconds(60)).dag.stat(cid);
        assertTrue(stat.uniqueBlocks() > count, "the daemon holds the comments and the folder's shards: " + stat);
    }

    private static double publishedBlocks(Api api) {
        Reply metrics = api.get("metrics");
        return PrometheusText.parse(metrics.body()).value("comments_published_blocks_total", Map.of()).orElse(0.0);
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[32];
        ThreadLocalRandom.current().nextBytes(bytes);
        return bytes;
    }
}
