package dev.comments.server;

import static dev.comments.testkit.data.TestComments.SIGNER;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.comments.launch.ServerSettings;
import dev.comments.core.cid.Cid;
import dev.comments.core.comment.CommentVerifier;
import dev.comments.testkit.kubo.KuboCli;
import dev.comments.testkit.kubo.KuboDaemon;
import dev.comments.testkit.data.LargeStore;
import dev.comments.testkit.Folders;
import dev.comments.core.network.UrlHash;
import dev.comments.testkit.server.Api;
import dev.comments.testkit.server.Api.Reply;
import dev.comments.testkit.server.PayaraServer;
import dev.comments.testkit.server.PrometheusText;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * What an operator counts on: a comment that got a 201 survives kill -9 of the server,
 * and a daemon that comes back empty is refilled from the store with the same CIDs.
 */
class ServerRecoveryIT {

    private static final String PAGE = "2fff419f1f69f140a0762cabebc1a3e19fe04b4d94a95e22b998aa3bfb737a92";

    @Test
    void everyAcknowledgedCommentSurvivesKillMinus9DuringAStreamOfPosts() throws Exception {
        Path dir = freshDir("crash");
        Path data = dir.resolve("data");
        try (KuboDaemon daemon = KuboDaemon.start(dir.resolve("kubo"), "127.0.31.1")) {
            ServerSettings env = PayaraServer.settings(data, daemon, "127.0.31.1").withoutRateLimit();
            List<String> acknowledged = new CopyOnWriteArrayList<>();
            try (PayaraServer server = new PayaraServer(dir.resolve("payara"), env).start()) {
                server.awaitUp(Duration.ofSeconds(90));
                Api api = new Api(server.base(), "127.0.31.1");
                AtomicBoolean stop = new AtomicBoolean();
                Thread poster = new Thread(() -> {
                    for (int i = 0; !stop.get(); i++) {
                        try {
                            Reply r = api.post(PAGE, SIGNER.sign(PAGE, null, "Stream", "comment " + i, i).fileBytes());
                            if (r.status() == 201) {
                                acknowledged.add(r.json().getString("id"));
                            }
                        } catch (IllegalStateException e) {
                            return; // the server is gone
                        }
                    }
                });
                poster.start();
                await("30 comments are acknowledged").atMost(Duration.ofSeconds(90)).until(() -> acknowledged.size() >= 30);
                server.kill();
                stop.set(true);
                poster.join(30_000);
            }
            assertTrue(acknowledged.size() >= 30);

            try (PayaraServer again = new PayaraServer(dir.resolve("payara"), env).start()) {
                again.awaitUp(Duration.ofSeconds(90));
                Api api = new Api(again.base(), "127.0.31.1");
                await("the server is healthy again").atMost(Duration.ofSeconds(90)).until(() -> api.get("health").status() == 200);
                for (String id : acknowledged) {
                    Api.Reply r = api.get(PAGE + "/" + id);
                    assertEquals(200, r.status(), "acknowledged " + id + " is served after the crash: " + r);
                }
                await("the page is published").atMost(Duration.ofSeconds(90)).until(() -> api.get(PAGE).status() == 200);
                assertTrue(api.get(PAGE).json().getInt("count") >= acknowledged.size());
            }
            Path folder = data.resolve("comments").resolve(PAGE);
            try (Stream<Path> files = Files.list(folder)) {
                for (Path f : files.toList()) {
                    String name = f.getFileName().toString();
                    assertTrue(!name.endsWith(".tmp"), "no partial file is left: " + name);
                    Cid id = Cid.parse(name.substring(0, name.length() - ".json".length()));
                    CommentVerifier.verifyFile(Files.readAllBytes(f), id, new UrlHash(PAGE)); // complete and valid
                }
            }
        }
    }

    /**
     * Many posters at once: their comments share group commits (more comments written than
     * commits made, read from /metrics), and kill -9 lands while batches are in flight.
     * Every comment that got a 201 is there after the restart, whole and valid.
     */
    @Test
    void everyAcknowledgedCommentOfConcurrentBatchesSurvivesKillMinus9() throws Exception {
        Path dir = freshDir("crash-batches");
        Path data = dir.resolve("data");
        List<String> pages = List.of(PAGE, "3" + PAGE.substring(1), "4" + PAGE.substring(1), "5" + PAGE.substring(1));
        try (KuboDaemon daemon = KuboDaemon.start(dir.resolve("kubo"), "127.0.38.1")) {
            ServerSettings env = PayaraServer.settings(data, daemon, "127.0.38.1").withoutRateLimit();
            Map<String, String> acknowledged = new java.util.concurrent.ConcurrentHashMap<>();
            try (PayaraServer server = new PayaraServer(dir.resolve("payara"), env).start()) {
                server.awaitUp(Duration.ofSeconds(90));
                Api api = new Api(server.base(), "127.0.38.1");
                AtomicBoolean stop = new AtomicBoolean();
                List<Thread> posters = new java.util.ArrayList<>();
                for (int t = 0; t < 32; t++) {
                    String page = pages.get(t % pages.size());
                    int poster = t;
                    posters.add(Thread.ofVirtual().start(() -> {
                        for (int i = 0; !stop.get(); i++) {
                            try {
                                Reply r = api.post(page, SIGNER.sign(page, null, "Batch " + poster, "comment " + i, i)
                                        .fileBytes());
                                if (r.status() == 201) {
                                    acknowledged.put(r.json().getString("id"), page);
                                }
                            } catch (IllegalStateException e) {
                                return; // the server is gone
                            }
                        }
                    }));
                }
                await("comments share group commits").atMost(Duration.ofSeconds(120)).until(() -> {
                    String metrics = api.get("metrics").body();
                    double commits = metric(metrics, "comments_group_commits_total");
                    double written = metric(metrics, "comments_posted_written_total");
                    return acknowledged.size() >= 300 && written >= commits * 1.5;
                });
                server.kill();
                stop.set(true);
                for (Thread p : posters) {
                    p.join(30_000);
                }
            }
            try (PayaraServer again = new PayaraServer(dir.resolve("payara"), env).start()) {
                again.awaitUp(Duration.ofSeconds(90));
                Api api = new Api(again.base(), "127.0.38.1");
                acknowledged.forEach((id, page) -> assertEquals(200, api.get(page + "/" + id).status(),
                        "acknowledged " + id + " is served after the crash"));
            }
            for (String page : pages) {
                try (Stream<Path> files = Files.list(data.resolve("comments").resolve(page))) {
                    for (Path f : files.toList()) {
                        String name = f.getFileName().toString();
                        assertTrue(!name.endsWith(".tmp"), "no partial file is left: " + name);
                        Cid id = Cid.parse(name.substring(0, name.length() - ".json".length()));
                        CommentVerifier.verifyFile(Files.readAllBytes(f), id, new UrlHash(page));
                    }
                }
            }
        }
    }

    /** A counter's value in the server's /metrics (0 before its first sample). */
    private static double metric(String text, String name) {
        return PrometheusText.parse(text).value(name, Map.of()).orElse(0.0);
    }

    @Test
    void whileTheDaemonIsDownGetsAnswer503AndPostsGoOnThenTheNewDaemonIsRefilledWithTheSameCids() throws Exception {
        Path dir = freshDir("rebuild");
        Path data = dir.resolve("data");
        KuboDaemon daemon = KuboDaemon.start(dir.resolve("kubo"), "127.0.32.1");
        try (PayaraServer server = new PayaraServer(dir.resolve("payara"),
                PayaraServer.settings(data, daemon, "127.0.32.1").withoutRateLimit()).start()) {
            server.awaitUp(Duration.ofSeconds(90));
            Api api = new Api(server.base(), "127.0.32.1");
            await("the server is healthy").atMost(Duration.ofSeconds(90)).until(() -> api.get("health").status() == 200);
            for (int i = 0; i < 5; i++) {
                assertEquals(201, api.post(PAGE, SIGNER.sign(PAGE, null, "Ada", "before " + i, i).fileBytes()).status());
            }
            String pageCid = api.get(PAGE).json().getString("cid");

            daemon.stop();
            await("GET answers 503 while the daemon is down").atMost(Duration.ofSeconds(90)).until(() -> api.get(PAGE).status() == 503);
            Reply down = api.get(PAGE);
            assertEquals("ipfs-unavailable", down.json().getString("error"));
            assertEquals(201, api.post(PAGE, SIGNER.sign(PAGE, null, "Ada", "while down", 99).fileBytes()).status(),
                    "posting keeps working without the daemon");

            daemon = daemon.restartEmptied();
            KuboDaemon restarted = daemon;
            await("the page is served again from a rebuilt folder").atMost(Duration.ofSeconds(90)).until(() -> {
                Reply r = api.get(PAGE);
                return r.status() == 200 && r.json().getInt("count") == 6 && holdsOurTree(restarted, api);
            });
            String withNew = api.get(PAGE).json().getString("cid");
            assertTrue(!withNew.equals(pageCid), "the comment posted while the daemon was down is included");
            assertEquals(6, restarted.client().ls(withNew).size(), "the new daemon holds the rebuilt folder");
            assertTrue(Files.readString(dir.resolve("payara/payara.log")).contains("event=ipfs-rebuild"),
                    "the rebuild is logged");

            // Emptied once more, with nothing posted since: the rebuilt folder is the very same
            // one, for the store decides the CID, not the daemon (one server for both checks:
            // a Payara start is the largest cost of this class).
            daemon = daemon.restartEmptied();
            KuboDaemon again = daemon;
            await("the folder is rebuilt again").atMost(Duration.ofSeconds(90)).until(() -> api.get(PAGE).status() == 200
                    && holdsOurTree(again, api));
            assertEquals(withNew, api.get(PAGE).json().getString("cid"), "the store decides the CID, not the daemon");
            assertEquals(6, again.client().ls(withNew).size());
        } finally {
            daemon.close();
        }
    }

    @Test
    void killMinus9OfKuboAndOfPayaraDuringARebuildComesBackWithTheSameCidAndNothingLost() throws Exception {
        Path dir = freshDir("rebuild-crash");
        Path data = dir.resolve("data");
        LargeStore.onePerPage(data, 50_000); // a rebuild of some seconds, to be killed in
        KuboDaemon daemon = KuboDaemon.start(dir.resolve("kubo"), "127.0.36.1");
        try {
            Cid expected = KuboCli.hashRecursive(daemon, data.resolve("comments")).get("comments");
            ServerSettings env = PayaraServer.settings(data, daemon, "127.0.36.1").withoutRateLimit();
            try (PayaraServer server = new PayaraServer(dir.resolve("payara"), env).start()) {
                server.awaitUp(Duration.ofSeconds(90));
                Api api = new Api(server.base(), "127.0.36.1");
                await("the rebuild runs").atMost(Duration.ofSeconds(90)).until(() -> rebuilding(api));
                daemon.killAndRestart();
                await("the rebuild is done again, on the restarted daemon").atMost(Duration.ofMinutes(5))
                        .until(() -> api.get("").status() == 200);
                assertEquals(expected.text(), api.get("").json().getString("cid"));
                assertTrue(holdsOurTree(daemon, api));
                server.kill();
            }
            daemon = daemon.restartEmptied(); // so that the next start publishes everything again...
            env = PayaraServer.settings(data, daemon, "127.0.36.1").withoutRateLimit();
            try (PayaraServer server = new PayaraServer(dir.resolve("payara"), env).start()) {
                server.awaitUp(Duration.ofSeconds(90));
                Api api = new Api(server.base(), "127.0.36.1");
                await("...and runs").atMost(Duration.ofSeconds(90)).until(() -> rebuilding(api));
                server.kill(); // kill -9 of Payara in the middle of it
            }
            try (PayaraServer server = new PayaraServer(dir.resolve("payara"), env).start()) {
                server.awaitUp(Duration.ofSeconds(90));
                Api api = new Api(server.base(), "127.0.36.1");
                await("the restarted server publishes").atMost(Duration.ofMinutes(5))
                        .until(() -> api.get("").status() == 200);
                assertEquals(expected.text(), api.get("").json().getString("cid"), "the same CID, nothing lost");
                assertTrue(holdsOurTree(daemon, api));
            }
        } finally {
            daemon.close();
        }
    }

    private static boolean rebuilding(Api api) {
        Reply r = api.get("");
        return r.status() == 503 && "rebuilding".equals(r.json().getString("error"));
    }

    /** The daemon keeps the root the server answers pinned: the whole published tree is in it. */
    private static boolean holdsOurTree(KuboDaemon daemon, Api api) {
        Reply root = api.get("");
        return root.status() == 200 && daemon.client().pin.isPinnedRecursively(Cid.parse(root.json().getString("cid")));
    }


    static Path freshDir(String name) throws Exception {
        Path dir = Path.of("target/it-data").resolve(name).toAbsolutePath();
        Folders.deleteRecursively(dir);
        return Files.createDirectories(dir);
    }
}
