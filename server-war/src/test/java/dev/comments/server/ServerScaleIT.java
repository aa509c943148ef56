package dev.comments.server;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.comments.core.cid.Cid;
import dev.comments.core.kubo.Dag;
import dev.comments.testkit.kubo.KuboCli;
import dev.comments.testkit.kubo.KuboDaemon;
import dev.comments.testkit.Folders;
import dev.comments.testkit.data.LargeStore;
import dev.comments.testkit.server.Api;
import dev.comments.testkit.server.PayaraServer;
import dev.comments.testkit.server.PrometheusText;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A server at the size the issue tracker measured it stalling: a store of 100,000 pages of
 * one comment and one page of 10,000, an empty kubo repository. The server must answer
 * {@code GET /} with the very CID kubo's own {@code ipfs add -r} gives the store folder, and
 * another daemon must be able to fetch every block of it. Times are in the bench, not here.
 */
class ServerScaleIT {

    private static final int PAGES = 100_000;
    private static final int BIG_PAGE = 10_000;
    private static final String IP = "127.0.35.1";

    @Test
    void aServerStartedOnAHundredThousandPagesPublishesThemAllAsKuboWould() throws Exception {
        Path dir = Folders.newScratch("server-scale");
        Path data = dir.resolve("data");
        try {
            String bigPage = writeStore(data);
            try (KuboDaemon daemon = KuboDaemon.start(dir.resolve("kubo"), IP);
                 KuboDaemon other = KuboDaemon.start(dir.resolve("kubo-other"), "127.0.35.2", daemon.swarmAddress())) {
                Cid expected = KuboCli.hashRecursive(other, data.resolve("comments")).get("comments");
                try (PayaraServer server = new PayaraServer(dir.resolve("payara"), PayaraServer.settings(data, daemon, IP)).start()) {
                    server.awaitUp(Duration.ofSeconds(90));
                    Api api = new Api(server.base(), IP);
                    var first = await("GET / answers once the tree is published").atMost(Duration.ofMinutes(10))
                            .pollInterval(Duration.ofSeconds(1)).until(() -> api.get(""), r -> r.status() == 200);
                    assertEquals(expected.text(), first.json().getString("cid"), "the root is kubo's own CID of the store");
                    var again = api.get("");
                    assertEquals(200, again.status(), "a published tree stays published: " + again);
                    assertEquals(expected.text(), again.json().getString("cid"));
                    assertEquals(BIG_PAGE, api.get(bigPage).json().getInt("count"));
                    PrometheusText metrics = PrometheusText.parse(api.get("metrics").body());
                    assertEquals(PAGES + 1.0, metrics.value("comments_pages", Map.of()).orElseThrow(), "pages counted by the publication");
                    assertEquals(PAGES + BIG_PAGE + 0.0, metrics.value("comments_stored", Map.of()).orElseThrow());

                    Dag.DagStat mine = daemon.client().withTimeout(Duration.ofMinutes(5)).dag.stat(expected);
                    // pin/add fetches the whole DAG from the network (32 blocks at a time, where
                    // dag/stat walks one by one); then dag/stat counts it from the other's own store
                    other.client().withTimeout(Duration.ofMinutes(10)).pin.add(expected);
                    Dag.DagStat fetched = other.client().withTimeout(Duration.ofMinutes(5)).dag.stat(expected);
                    assertEquals(mine, fetched, "another daemon fetches every block of the published tree");
                    assertTrue(fetched.uniqueBlocks() > 2L * PAGES + BIG_PAGE,
                            "comments, page folders and root shards: " + fetched.uniqueBlocks());
                }
            }
        } finally {
            Folders.deleteRecursively(dir);
        }
    }

    /** 100,000 pages of one signed comment, one page of 10,000; returns that page's urlHash. */
    private static String writeStore(Path data) {
        LargeStore.onePerPage(data, PAGES);
        return LargeStore.onOnePage(data, "b".repeat(64), BIG_PAGE, "comment on the big page");
    }
}
