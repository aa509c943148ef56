package dev.comments.server;

import static dev.comments.testkit.data.TestComments.SIGNER;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.comments.core.network.UrlHash;
import dev.comments.core.store.CommentStore;
import dev.comments.testkit.data.LargeStore;
import dev.comments.testkit.kubo.KuboDaemon;
import dev.comments.testkit.server.Api;
import dev.comments.testkit.server.Api.Reply;
import dev.comments.testkit.server.PayaraServer;
import dev.comments.testkit.server.PrometheusText;
import jakarta.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /counts/{prefix}} (docs/protocol.md §5.8) on the shipped WAR in Payara Micro with a
 * real kubo, over a store with a crowded bucket (1,040 pages under {@code a1b}, past the cap of
 * 1,000) and a small one ({@code 7c}, between neighbours on both sides): each bucket answers
 * exactly its pages with the counts {@code GET /{urlHash}} gives, the crowded one says so and
 * lists nothing, a comment just taken shows at once, a page taken down leaves its bucket, and
 * a bad prefix is a JSON 400.
 */
class BucketCountsIT {

    private static final String IP = "127.0.97.1";
    private static final int CROWDED = 1_040;

    @Test
    void aBucketAnswersExactlyItsPagesAndStaysBounded() throws Exception {
        Path dir = ServerRecoveryIT.freshDir("bucket-counts");
        Path data = dir.resolve("data");
        Map<String, Integer> crowdedFirstSixteenth = new TreeMap<>();
        for (int i = 0; i < CROWDED; i++) {
            // the 4th character runs through all 16: a1b0 holds a sixteenth of the crowded bucket
            String page = "a1b%x%060x".formatted(i % 16, i);
            LargeStore.onOnePage(data, page, 1, "crowded " + i);
            if (page.startsWith("a1b0")) {
                crowdedFirstSixteenth.put(page, 1);
            }
        }
        Map<String, Integer> small = Map.of("7c" + "0".repeat(62), 1, "7c5" + "e".repeat(61), 2, "7c" + "f".repeat(62), 3);
        small.forEach((page, n) -> LargeStore.onOnePage(data, page, n, "small"));
        for (String neighbour : new String[] {"7b" + "f".repeat(62), "7d" + "0".repeat(62)}) {
            LargeStore.onOnePage(data, neighbour, 4, "neighbour");
        }

        try (KuboDaemon daemon = KuboDaemon.start(dir.resolve("kubo"), IP);
             PayaraServer server = new PayaraServer(dir.resolve("payara"), PayaraServer.settings(data, daemon, IP).withoutRateLimit()).start()) {
            server.awaitUp(Duration.ofSeconds(90));
            Api api = new Api(server.base(), IP);
            Reply smallBucket = await("the tree is published").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(250))
                    .until(() -> api.get("counts/7c"), r -> r.status() == 200);

            assertEquals(new TreeMap<>(small), counts(smallBucket), "exactly the pages of 7c, not its neighbours");
            assertEquals("7c", smallBucket.json().getString("prefix"));
            assertEquals("public, max-age=5", smallBucket.header("Cache-Control"));
            assertEquals("*", smallBucket.header("Access-Control-Allow-Origin"));
            for (var page : small.entrySet()) {
                assertEquals(page.getValue(), api.get(page.getKey()).json().getInt("count"), "the count GET /{urlHash} gives");
            }
            assertEquals(Map.of("7c5" + "e".repeat(61), 2), counts(api.get("counts/7c5eee")));
            assertEquals(Map.of(), counts(api.get("counts/7c1")), "a bucket without pages is complete and empty");

            Reply crowded = api.get("counts/a1b");
            assertEquals(200, crowded.status(), crowded.toString());
            assertFalse(crowded.json().getBoolean("complete"), "1,040 pages are past the cap: " + crowded.body().length() + " bytes");
            assertFalse(crowded.json().containsKey("counts"), "an over-full bucket lists nothing");
            assertEquals(Map.of(), counts(api.get("counts/a1a")), "the crowded bucket's neighbour");
            Map<String, Integer> narrowed = counts(api.get("counts/a1b0"));
            assertEquals(crowdedFirstSixteenth, narrowed, "one more character: a sixteenth of the bucket, exactly");
            assertEquals(CROWDED / 16, narrowed.size());

            // a comment just taken is in the next answer, whatever a cache may hold for 5 s
            String busy = crowdedFirstSixteenth.keySet().iterator().next();
            assertEquals(201, api.post(busy, SIGNER.sign(busy, null, "Ada", "one more", 1795530000000L).fileBytes()).status());
            String fresh = "5e" + "9".repeat(62);
            assertEquals(201, api.post(fresh, SIGNER.sign(fresh, null, "Ada", "a new page", 1795530000000L).fileBytes()).status());
            assertEquals(2, counts(api.get("counts/a1b0")).get(busy));
            assertEquals(Map.of(fresh, 1), counts(api.get("counts/5e")));

            Reply again = api.get("counts/7c");
            String etag = again.header("ETag");
            assertEquals(smallBucket.header("ETag"), etag, "the same bucket, the same tag");
            assertEquals(304, api.send("GET", "counts/7c", Map.of("If-None-Match", etag)).status());
            assertFalse(etag.equals(api.get("counts/5e").header("ETag")), "another bucket, another tag");

            // an operator's takedown empties a page (the takedown tool's move, from another process): it leaves its bucket
            UrlHash takenDown = new UrlHash("7c" + "f".repeat(62));
            CommentStore store = CommentStore.open(data);
            assertEquals(3, store.moveOut(takenDown, store.list(takenDown), dir.resolve("taken-down")).size());
            Map<String, Integer> left = new TreeMap<>(small);
            left.remove(takenDown.hex());
            assertEquals(left, counts(api.get("counts/7c")));
            assertFalse(etag.equals(api.get("counts/7c").header("ETag")), "a changed bucket, a new tag");

            for (String bad : new String[] {"counts/a", "counts/abcdef0", "counts/A1B", "counts/xyz", "counts/7c%2e",
                    "counts/" + busy, "counts", "counts/"}) {
                Reply r = api.get(bad);
                assertEquals(400, r.status(), bad + " → " + r);
                assertTrue(r.header("Content-Type").startsWith("application/json"), r.toString());
                assertEquals("bad-prefix", r.json().getString("error"), bad + " → " + r);
                assertTrue(r.json().getString("detail").contains("2 to 6 lowercase hex"), r.body());
                assertEquals("no-store", r.header("Cache-Control"), bad);
            }

            // the operator's metrics count buckets by route, never by prefix
            var answered = PrometheusText.parse(api.get("metrics").body()).samples("comments_http_requests_total");
            assertTrue(answered.stream().anyMatch(m -> m.labels().get("route").equals("/counts/{prefix}")
                    && m.labels().get("status").equals("200")), answered.toString());
            assertTrue(answered.stream().noneMatch(m -> m.labels().get("route").contains("7c")), answered.toString());
        }
    }

    private static Map<String, Integer> counts(Reply reply) {
        assertEquals(200, reply.status(), reply.toString());
        assertTrue(reply.json().getBoolean("complete"), reply.body());
        JsonObject counts = reply.json().getJsonObject("counts");
        Map<String, Integer> map = new TreeMap<>();
        counts.forEach((page, n) -> map.put(page, ((jakarta.json.JsonNumber) n).intValue()));
        return map;
    }
}
