package dev.comments.server;

import static dev.comments.core.testing.TestComments.SIGNER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.comments.core.kubo.KuboDaemon;
import dev.comments.server.testing.Api;
import dev.comments.server.testing.Api.Reply;
import dev.comments.server.testing.PayaraServer;
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
             PayaraServer server = new PayaraServer(dir.resolve("payara"), IP, 8000, Map.of(
                     "COMMENTS_DATA_DIR", dir.resolve("data").toString(),
                     "COMMENTS_IPFS_API", daemon.api().toString(),
                     "COMMENTS_HTTP_HOST", IP,
                     "COMMENTS_ANNOUNCE", "/ip4/" + IP + "/tcp/8000/http",
                     "COMMENTS_RATELIMIT_POSTS_PER_MINUTE", "100000",
                     "COMMENTS_RATELIMIT_BURST", "100000")).start()) {
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

    private static byte[] randomBytes() {
        byte[] bytes = new byte[32];
        ThreadLocalRandom.current().nextBytes(bytes);
        return bytes;
    }
}
