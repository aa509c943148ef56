package dev.comments.server;

import static dev.comments.testkit.data.TestComments.SIGNER;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.comments.core.cid.Cid;
import dev.comments.core.comment.Comment;
import dev.comments.core.comment.CommentSigner;
import dev.comments.launch.ServerSettings;
import dev.comments.launch.Setting;
import dev.comments.testkit.Folders;
import dev.comments.testkit.FreePorts;
import dev.comments.testkit.kubo.KuboDaemon;
import dev.comments.testkit.data.Vectors;
import dev.comments.testkit.server.Api;
import dev.comments.testkit.server.Api.Reply;
import dev.comments.testkit.server.PayaraServer;
import dev.comments.testkit.server.StoreSnapshot;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The HTTP API of docs/protocol.md §5 on the WAR we ship, in Payara Micro, with a real kubo
 * daemon: every row, CORS, and the catalog of bad input, each refused with a JSON error
 * and leaving the store as it was.
 */
class ServerApiIT {

    private static final Path DATA = Path.of("target/it-data/api").toAbsolutePath();
    private static KuboDaemon daemon;
    private static PayaraServer server;

    private Api api;

    @BeforeAll
    static void startServer() throws Exception {
        Folders.deleteRecursively(DATA);
        daemon = KuboDaemon.start(Path.of("target/it-data/api-kubo").toAbsolutePath(), "127.0.30.1");
        ServerSettings settings = ServerSettings.of(DATA).http("127.0.0.1", FreePorts.on("127.0.0.1"))
                .ipfsApi(daemon.api()).with(Setting.ANNOUNCE, daemon.httpAnnounce())
                .with(Setting.RATE_LIMIT_POSTS_PER_MINUTE, 60).with(Setting.RATE_LIMIT_BURST, 20);
        server = new PayaraServer(Path.of("target/it-data/api-payara").toAbsolutePath(), settings).start()
                .awaitUp(Duration.ofSeconds(180));
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
        if (daemon != null) {
            daemon.close();
        }
    }

    /** Each test posts from its own address, so that no test spends another's rate limit. */
    private static final java.util.concurrent.atomic.AtomicInteger NEXT_CLIENT = new java.util.concurrent.atomic.AtomicInteger(1);

    @BeforeEach
    void client() {
        // Payara names the machine's external address; we bound it to loopback.
        api = new Api(server.base(),
                "127.0.2." + NEXT_CLIENT.getAndIncrement());
        await("the server is healthy").atMost(Duration.ofSeconds(60)).until(() -> api.get("health").status() == 200);
    }

    // --- the rows of docs/protocol.md §5 ----------------------------------------------------------------

    @Test
    void aPageWithNoCommentsGetsTheEmptyFolder() {
        Reply r = api.get(newPage());
        assertEquals(200, r.status(), r.body());
        assertEquals(0, r.json().getInt("count"));
        assertEquals("bafybeiczsscdsbs7ffqz55asqdf3smv6klcw3gofszvwlyarci47bgf354", r.json().getString("cid"));
        assertEquals("*", r.header("Access-Control-Allow-Origin"));
    }

    @Test
    void postingCreatesOnceThenAnswersThatItExisted() throws Exception {
        String page = newPage();
        Comment c = SIGNER.sign(page, null, "Ada", "Hello", 1795530000000L);
        Reply created = api.post(page, c.fileBytes());
        assertEquals(201, created.status(), created.body());
        assertEquals(c.id().text(), created.json().getString("id"));
        assertNotNull(created.header("Location"));
        assertTrue(created.header("Location").endsWith("/" + page + "/" + c.id()), created.header("Location"));
        assertTrue(Files.exists(DATA.resolve("comments").resolve(page).resolve(c.id() + ".json")), "on disk");

        Reply location = api.get(URI.create(created.header("Location")).getPath());
        assertEquals(200, location.status());
        assertEquals(new String(c.fileBytes(), StandardCharsets.UTF_8), location.body());

        Reply again = api.post(page, c.fileBytes());
        assertEquals(200, again.status(), again.body());
        assertEquals(c.id().text(), again.json().getString("id"));
    }

    @Test
    void theFolderCidIsWhatAddGivesTheSameFolderAndChangesExactlyWhenACommentIsAdded() throws Exception {
        String page = newPage();
        Comment first = SIGNER.sign(page, null, "Ada", "one", 1L);
        Comment reply = SIGNER.sign(page, first.id().text(), "Grace", "two", 2L);
        assertEquals(201, api.post(page, first.fileBytes()).status());
        Reply one = api.get(page);
        assertEquals(1, one.json().getInt("count"));

        assertEquals(200, api.post(page, first.fileBytes()).status(), "posting it again adds nothing");
        assertEquals(one.json().getString("cid"), api.get(page).json().getString("cid"));

        assertEquals(201, api.post(page, reply.fileBytes()).status());
        Reply two = api.get(page);
        assertEquals(2, two.json().getInt("count"), "a GET after a POST reflects it");
        assertNotEquals(one.json().getString("cid"), two.json().getString("cid"));

        Path copy = Files.createTempDirectory("folder");
        try {
            Files.write(copy.resolve(first.id() + ".json"), first.fileBytes());
            Files.write(copy.resolve(reply.id() + ".json"), reply.fileBytes());
            var added = daemon.client().add(copy);
            assertEquals(two.json().getString("cid"), added.get(added.size() - 1).hash().text(),
                    "the same CID as ipfs add -r --cid-version=1 --raw-leaves of the folder");
        } finally {
            try (var files = Files.list(copy)) {
                for (Path p : files.toList()) {
                    Files.delete(p);
                }
            }
            Files.delete(copy);
        }
    }

    @Test
    void theWholeTreeHasACidThatChangesWithAnyPage() {
        Reply before = api.get("");
        assertEquals(200, before.status(), before.body());
        String page = newPage();
        assertEquals(201, api.post(page, SIGNER.sign(page, null, "Ada", "tree", 3L).fileBytes()).status());
        Reply after = api.get("");
        assertNotEquals(before.json().getString("cid"), after.json().getString("cid"));
        var links = daemon.client().ls(after.json().getString("cid"));
        assertTrue(links.stream().anyMatch(l -> l.name().equals(page)), "the tree holds one folder per page");
        // the answer went out once the daemon held the blocks; the pin follows right after
        Cid root = Cid.parse(after.json().getString("cid"));
        await("the daemon's one pin follows the new root").atMost(Duration.ofSeconds(30))
                .until(() -> daemon.client().pin.isPinnedRecursively(root));
        assertFalse(daemon.client().pin.isPinnedRecursively(Cid.parse(before.json().getString("cid"))),
                "the old root is no longer pinned: its replaced blocks can be collected");
    }

    @Test
    void healthReportsTheStoreTheDaemonAndTheVersion() {
        Reply r = api.get("health");
        assertEquals(200, r.status(), r.body());
        assertEquals("ok", r.json().getString("status"));
        assertEquals("ok", r.json().getString("store"));
        assertTrue(r.json().getString("daemon").startsWith("ok"), r.body());
        assertEquals("ok", r.json().getString("workers"));
        assertEquals("0.1.0-SNAPSHOT", r.json().getString("version"));
    }

    /**
     * docs/protocol.md §5.1: the folder CID is the answer's ETag; a reader (browser, proxy, CDN)
     * that holds it revalidates for a 304 of no body. The first read after a post is published
     * on the GET pool, later ones come from the bytes kept with the publication: the answer
     * holds across both, over the 2-s settling of the page's change stamp.
     */
    @Test
    void aFolderAnswerCarriesItsCidAsETagAndRevalidatesTo304() throws Exception {
        String page = newPage();
        assertEquals(201, api.post(page, SIGNER.sign(page, null, "Ada", "cache me", 1L).fileBytes()).status());
        Reply first = api.get(page);
        assertEquals(200, first.status(), first.body());
        String etag = "\"" + first.json().getString("cid") + "\"";
        assertEquals(etag, first.header("ETag"));
        assertEquals("public, max-age=5", first.header("Cache-Control"));
        assertTrue(first.header("Access-Control-Expose-Headers").contains("ETag"), "a page script may read it");
        await("the same answer, then from the settled folder").during(Duration.ofSeconds(3))
                .atMost(Duration.ofSeconds(10)).until(() -> {
                    Reply again = api.get(page);
                    Reply same = api.send("GET", page, Map.of("If-None-Match", etag));
                    return again.status() == 200 && again.body().equals(first.body()) && etag.equals(again.header("ETag"))
                            && same.status() == 304 && same.body().isEmpty() && etag.equals(same.header("ETag"))
                            && "*".equals(same.header("Access-Control-Allow-Origin"));
                });
        for (String matching : List.of("W/" + etag, "\"other\", " + etag, "*")) {
            assertEquals(304, api.send("GET", page, Map.of("If-None-Match", matching)).status(), matching);
        }
        Reply other = api.send("GET", page, Map.of("If-None-Match", "\"bafkreiother\""));
        assertEquals(200, other.status(), "another tag gets the answer");
        assertEquals(first.body(), other.body());

        assertEquals(201, api.post(page, SIGNER.sign(page, null, "Ada", "a change", 2L).fileBytes()).status());
        Reply changed = api.send("GET", page, Map.of("If-None-Match", etag));
        assertEquals(200, changed.status(), "a new comment is a new folder: the old tag no longer matches");
        assertEquals(2, changed.json().getInt("count"));
        assertEquals("\"" + changed.json().getString("cid") + "\"", changed.header("ETag"));
    }

    @Test
    void theRootAnswerRevalidatesToo() {
        Reply root = api.get("");
        assertEquals(200, root.status(), root.body());
        String etag = root.header("ETag");
        assertEquals("\"" + root.json().getString("cid") + "\"", etag);
        await("a reader holding the root's tag gets a 304 (or a new root, if another test posted)")
                .atMost(Duration.ofSeconds(10)).until(() -> {
                    Reply r = api.send("GET", "", Map.of("If-None-Match", api.get("").header("ETag")));
                    return r.status() == 304 && r.body().isEmpty();
                });
    }

    @Test
    void corsPreflightAllowsAnyOrigin() {
        Reply r = api.send("OPTIONS", newPage(), Map.of("Origin", "https://client.example",
                "Access-Control-Request-Method", "POST", "Access-Control-Request-Headers", "content-type"));
        assertEquals(204, r.status(), r.body());
        assertEquals("*", r.header("Access-Control-Allow-Origin"));
        assertTrue(r.header("Access-Control-Allow-Methods").contains("POST"));
        assertTrue(r.header("Access-Control-Allow-Headers").toLowerCase().contains("content-type"));
        assertTrue(r.header("Access-Control-Allow-Headers").toLowerCase().contains("if-none-match"));
    }

    // --- bad input: a clear JSON error, and the store unchanged ------------------------------------

    @Test
    void badUrlHashesAreRefused() throws Exception {
        String good = newPage();
        byte[] body = SIGNER.sign(good, null, "Ada", "x", 1L).fileBytes();
        for (String path : List.of(good.substring(1), good.toUpperCase(), good.substring(1) + "g", good + "0",
                "x".repeat(64), good.substring(0, 30) + "%2F" + good.substring(31))) {
            refused(() -> api.post(path, body), 400, "bad-url-hash", path);
            refused(() -> api.get(path), 400, "bad-url-hash", path);
        }
        // Dot segments never reach a file name: the container normalizes them away, or refuses
        // an encoded one ("%2e%2e") itself with an empty 400; anything else gets our JSON error.
        for (String path : List.of("..", "%2e%2e", "../" + good, good + "/../" + good.substring(1),
                good.substring(0, 30) + "%2f..%2f" + good.substring(36))) {
            Set<String> before = StoreSnapshot.of(DATA);
            Reply r = api.post(path, body);
            assertTrue(r.status() >= 400 && r.status() < 500, path + " → " + r);
            if (!r.body().isEmpty()) {
                assertJsonError(r);
            }
            assertTrue(!r.body().contains("<html"), "never an HTML page: " + r);
            assertEquals(before, StoreSnapshot.of(DATA), path + " changed the store");
        }
    }

    @Test
    void badBodiesAreRefusedWithTheirReason() {
        String page = newPage();
        Comment good = SIGNER.sign(page, null, "Ada", "Hello", 1L);
        String text = new String(good.fileBytes(), StandardCharsets.UTF_8);
        CommentSigner other = new CommentSigner(HexFormat.of().parseHex("22".repeat(32)));
        Map<String, byte[]> cases = new java.util.LinkedHashMap<>();
        cases.put("not-json", "this is not json".getBytes(StandardCharsets.UTF_8));
        cases.put("unknown-field", text.replace("{\"author\"", "{\"id\":\"" + good.id() + "x\",\"author\"").getBytes(StandardCharsets.UTF_8));
        cases.put("missing-field", text.replace(",\"parent\":null", "").getBytes(StandardCharsets.UTF_8));
        cases.put("wrong-type", text.replace("\"ts\":1", "\"ts\":\"1\"").getBytes(StandardCharsets.UTF_8));
        cases.put("unsupported-version", text.replace("\"v\":1", "\"v\":4").getBytes(StandardCharsets.UTF_8));
        cases.put("author-length", SIGNER.sign(page, null, "a".repeat(65), "x", 1L).fileBytes());
        cases.put("text-length", SIGNER.sign(page, null, "Ada", "", 1L).fileBytes());
        cases.put("wrong-page", SIGNER.sign(newPage(), null, "Ada", "elsewhere", 1L).fileBytes());
        cases.put("bad-signature", text.replace("Hello", "Hello!").getBytes(StandardCharsets.UTF_8));
        cases.put("bad-signature ", text.replace(good.key(), other.publicKey()).getBytes(StandardCharsets.UTF_8));
        cases.put("bad-parent", SIGNER.sign(page, "not-an-id", "Ada", "x", 1L).fileBytes());
        cases.forEach((code, body) -> refused(() -> api.post(page, body), 400, code.strip(), code));
    }

    /** Every invalid comment of the protocol's vectors, posted to a real server: its own code, nothing stored. */
    @Test
    void everyInvalidVectorIsRefusedWithItsCode() {
        List<org.junit.jupiter.api.function.Executable> checks = new ArrayList<>();
        for (var vector : Vectors.load().getJsonArray("invalidComments").getValuesAs(jakarta.json.JsonObject.class)) {
            if (!vector.getString("as").equals("post")) {
                continue;
            }
            byte[] body = vector.containsKey("fileBase64")
                    ? java.util.Base64.getDecoder().decode(vector.getString("fileBase64"))
                    : vector.getString("fileText").getBytes(StandardCharsets.UTF_8);
            String code = vector.getString("code");
            int status = code.equals("too-large") ? 413 : 400;
            // A refused post spends the sender's rate limit too (checking it costs the server),
            // so each vector is posted from its own loopback address, well inside its burst.
            Api sender = new Api(api.base(), "127.0.3." + (checks.size() + 1));
            checks.add(() -> refused(() -> sender.post(vector.getString("page"), body), status, code, vector.getString("why")));
        }
        assertTrue(checks.size() > 40 && checks.size() < 255, "the vectors hold the bad-input catalog, one address each");
        org.junit.jupiter.api.Assertions.assertAll(checks);
    }

    @Test
    void oversizeBodiesAreRefusedBeforeParsing() throws Exception {
        String page = newPage();
        byte[] big = new byte[64 * 1024];
        java.util.Arrays.fill(big, (byte) 'x');
        refused(() -> api.post(page, big), 413, "too-large", "declared length");
        refused(() -> api.postChunked(page, big), 413, "too-large", "chunked, no length");

        Set<String> before = StoreSnapshot.of(DATA);
        String lying = api.raw("POST /" + page + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                + "Content-Length: 10\r\nConnection: close\r\n\r\n", big);
        assertTrue(lying.startsWith("HTTP/1.1 400"), "a body cut at its declared length is not a comment: " + lying);
        assertTrue(lying.contains("\"error\""), lying);
        assertEquals(before, StoreSnapshot.of(DATA));
    }

    @Test
    void wrongContentTypeUnknownPathsAndMethodsAnswerJson() {
        String page = newPage();
        byte[] body = SIGNER.sign(page, null, "Ada", "x", 1L).fileBytes();
        refused(() -> api.post(page, body, "text/plain"), 415, "unsupported-media-type", "text/plain");
        refused(() -> api.post(page, body, "application/x-www-form-urlencoded"), 415, "unsupported-media-type", "a form");
        assertEquals(201, api.post(page, body, null).status(), "a body without Content-Type is taken as JSON");
        refused(() -> api.get("a/b/c"), 404, "not-found", "unknown path");
        refused(() -> api.send("DELETE", page, Map.of()), 405, "method-not-allowed", "DELETE");
        refused(() -> api.send("PUT", page, Map.of()), 405, "method-not-allowed", "PUT");
    }

    @Test
    void aFloodFromOneAddressIsRateLimitedWhileOthersStillPost() {
        String page = newPage();
        Api flooder = new Api(api.base(), "127.0.0.5");
        Api other = new Api(api.base(), "127.0.0.6");
        int created = 0;
        Reply limited = null;
        long started = System.nanoTime();
        for (int i = 0; i < 40 && limited == null; i++) {
            Reply r = flooder.post(page, SIGNER.sign(page, null, "Flood", "flood " + i, i).fileBytes());
            if (r.status() == 429) {
                limited = r;
            } else {
                assertEquals(201, r.status(), r.body());
                created++;
            }
        }
        // The burst (20), plus what the rate (60 a minute: one a second) refilled while the flood ran.
        long refilled = (long) Math.ceil((System.nanoTime() - started) / 1e9);
        assertNotNull(limited, "a flood of 40 posts meets the limit");
        assertTrue(created >= 20 && created <= 20 + refilled,
                created + " got through: the burst of 20 and at most " + refilled + " refilled in the flood's time");
        assertEquals("rate-limited", limited.json().getString("error"));
        assertTrue(Integer.parseInt(limited.header("Retry-After")) >= 1);
        assertEquals(201, other.post(page, SIGNER.sign(page, null, "Other", "still welcome", 1L).fileBytes()).status());
    }

    // --- concurrency --------------------------------------------------------------------------------

    @Test
    void parallelPostsOfDistinctAndIdenticalCommentsAllLandExactlyOnce() throws Exception {
        String page = newPage();
        List<Comment> comments = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            comments.add(SIGNER.sign(page, null, "Parallel", "comment " + i, i));
        }
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<Reply>> replies = new ArrayList<>();
            for (int i = 0; i < 120; i++) {
                Comment c = comments.get(i % comments.size()); // each comment posted twice
                Api from = new Api(api.base(), "127.0.1." + (1 + i % 60)); // within every address's burst
                replies.add(pool.submit(() -> from.post(page, c.fileBytes())));
            }
            Set<String> createdIds = new HashSet<>();
            int createdCount = 0;
            for (Future<Reply> f : replies) {
                Reply r = f.get();
                assertTrue(r.status() == 201 || r.status() == 200, r.toString());
                if (r.status() == 201) {
                    createdIds.add(r.json().getString("id"));
                    createdCount++;
                }
            }
            assertEquals(60, createdCount, "each comment created exactly once");
            assertEquals(60, createdIds.size());
            Path folder = DATA.resolve("comments").resolve(page);
            try (var files = Files.list(folder)) {
                List<String> names = files.map(p -> p.getFileName().toString()).sorted().toList();
                assertEquals(createdIds.stream().map(id -> id + ".json").sorted().toList(), names,
                        "every 201 is on disk, nothing else is");
            }
            assertEquals(60, api.get(page).json().getInt("count"));
        } finally {
            pool.shutdownNow();
        }
    }

    // --- helpers ------------------------------------------------------------------------------------

    private void refused(Supplier<Reply> request, int status, String code, String what) {
        Set<String> before = StoreSnapshot.of(DATA);
        Reply r = request.get();
        assertEquals(status, r.status(), what + " → " + r);
        assertJsonError(r);
        assertEquals(code, r.json().getString("error"), what + " → " + r);
        assertEquals("*", r.header("Access-Control-Allow-Origin"), "errors carry CORS too");
        assertEquals("no-store", r.header("Cache-Control"), "no cache keeps an error");
        assertEquals(before, StoreSnapshot.of(DATA), what + " changed the store");
    }

    private static void assertJsonError(Reply r) {
        assertTrue(r.header("Content-Type") != null && r.header("Content-Type").startsWith("application/json"), r.toString());
        assertTrue(r.json().containsKey("error") && r.json().containsKey("detail"), r.toString());
        assertTrue(!r.body().contains("Exception") && !r.body().contains("\tat "), "no stack trace: " + r);
    }

    private static String newPage() {
        byte[] b = new byte[32];
        ThreadLocalRandom.current().nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
