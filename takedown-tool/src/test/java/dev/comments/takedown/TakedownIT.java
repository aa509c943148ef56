package dev.comments.takedown;

import static dev.comments.testkit.data.TestComments.SIGNER;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.comments.core.cid.Cid;
import dev.comments.core.comment.CommentSigner;
import dev.comments.core.comment.VerifiedComment;
import dev.comments.core.dag.DagFolders;
import dev.comments.launch.ServerSettings;
import dev.comments.testkit.Folders;
import dev.comments.testkit.ToolJar;
import dev.comments.testkit.data.TestComments;
import dev.comments.testkit.kubo.KuboCli;
import dev.comments.testkit.kubo.KuboDaemon;
import dev.comments.testkit.server.Api;
import dev.comments.testkit.server.PayaraServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * An operator takes down a comment, a key and a page with the takedown command, against a
 * running server (Payara Micro and kubo): each leaves what the server publishes and the
 * daemon's repository, POST refuses it with 451 {@code withheld}, the list is served at
 * {@code GET /withheld}, a release brings it back, and a wrong entry changes nothing.
 */
class TakedownIT {

    private static final Path DIR = Path.of("target/it-data/takedown").toAbsolutePath();
    private static final String IP = "127.0.95.1";
    private static final String P1 = "d1".repeat(32);
    private static final String P2 = "d2".repeat(32);
    private static final String P3 = "d3".repeat(32);
    private static final CommentSigner OTHER = new CommentSigner(new byte[] {
        1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32});

    @Test
    void aWithheldCommentKeyAndPageLeaveThePublishedTreeAndTheDaemonAndPostRefusesThem() throws Exception {
        Folders.deleteRecursively(DIR);
        Path data = DIR.resolve("data");
        try (KuboDaemon kubo = KuboDaemon.start(DIR.resolve("kubo"), IP);
             PayaraServer server = new PayaraServer(DIR.resolve("payara"), PayaraServer.settings(data, kubo, IP)).start()) {
            server.awaitUp(Duration.ofSeconds(120));
            Api api = new Api(server.base(), IP);
            await("the server is healthy").atMost(Duration.ofSeconds(90)).until(() -> api.get("health").status() == 200);
            ServerSettings settings = PayaraServer.settings(data, kubo, IP);

            VerifiedComment c1 = post(api, P1, SIGNER, "a comment a court ordered down");
            VerifiedComment c2 = post(api, P1, OTHER, "spam one");
            VerifiedComment c3 = post(api, P2, OTHER, "spam two");
            VerifiedComment c4 = post(api, P3, SIGNER, "on a page taken down whole");
            assertCount(api, P1, 2);
            assertTrue(KuboCli.hasLocally(kubo, c1.id()), "published: the daemon holds it");

            ToolJar.Run one = tool(settings, "withhold", "comment", c1.id().text(), "notice", "2026-12-07/1");
            assertEquals(0, one.exit(), one.out());
            assertTrue(one.out().contains("1 stored comment(s) taken out"), one.out());
            assertTrue(one.out().contains("their blocks left the IPFS repository"), one.out());
            assertCount(api, P1, 1);
            assertFalse(KuboCli.hasLocally(kubo, c1.id()), "the daemon no longer has the block, so its gateway cannot serve it");
            assertTrue(Files.isRegularFile(data.resolve("withheld/files/" + P1 + "/" + c1.fileName())), "kept for the operator");
            assertWithheld(api.post(P1, c1.fileBytes()), "this comment");

            ToolJar.Run key = tool(settings, "withhold", "key", OTHER.publicKey(), "spam");
            assertEquals(0, key.exit(), key.out());
            assertTrue(key.out().contains("2 stored comment(s) taken out"), key.out());
            assertCount(api, P1, 0);
            assertCount(api, P2, 0);
            assertFalse(KuboCli.hasLocally(kubo, c2.id()));
            assertFalse(KuboCli.hasLocally(kubo, c3.id()));
            assertEquals(Set.of(P3), pagesOfTheRoot(api, kubo), "pages without a comment left leave the root");
            assertWithheld(api.post(P3, OTHER.sign(P3, null, "Spammer", "again", 5L).fileBytes()), "comments signed by this key");

            ToolJar.Run page = tool(settings, "withhold", "page", P3);
            assertEquals(0, page.exit(), page.out());
            assertCount(api, P3, 0);
            assertFalse(KuboCli.hasLocally(kubo, c4.id()));
            assertWithheld(api.post(P3, SIGNER.sign(P3, null, "Ada", "anything", 6L).fileBytes()), "comments on this page");
            assertEquals(Set.of(), pagesOfTheRoot(api, kubo));

            Api.Reply list = api.get("withheld");
            assertEquals(200, list.status());
            assertTrue(list.body().contains("comment " + c1.id().text() + " notice 2026-12-07/1"), list.body());
            assertTrue(list.body().contains("key " + OTHER.publicKey() + " spam"), list.body());
            assertTrue(list.body().contains("page " + P3), list.body());

            ToolJar.Run wrong = tool(settings, "withhold", "key", "not-a-key");
            assertEquals(TakedownMain.USAGE, wrong.exit(), wrong.out());
            assertTrue(wrong.out().contains("not a public key"), wrong.out());
            assertEquals(list.body(), api.get("withheld").body(), "a wrong entry changes nothing");

            ToolJar.Run release = tool(settings, "release", "key", OTHER.publicKey());
            assertEquals(0, release.exit(), release.out());
            assertTrue(release.out().contains("2 comment(s) back in the store"), release.out());
            assertCount(api, P1, 1);
            assertCount(api, P2, 1);
            assertEquals(Set.of(P1, P2), pagesOfTheRoot(api, kubo));
            assertEquals(201, api.post(P2, OTHER.sign(P2, null, "Bo", "allowed again", 7L).fileBytes()).status());
            assertEquals(kubosOwnRoot(kubo, data), Cid.parse(api.get("/").json().getString("cid")),
                    "after removals the root is still the one kubo's add -r makes of the store");
        }
    }

    private static VerifiedComment post(Api api, String page, CommentSigner signer, String text) {
        VerifiedComment comment = TestComments.verified(signer.sign(page, null, "Author", text, 1L + text.length()).fileBytes());
        Api.Reply reply = api.post(page, comment.fileBytes());
        assertEquals(201, reply.status(), reply.toString());
        return comment;
    }

    private static void assertCount(Api api, String page, int count) {
        await("page " + page.substring(0, 4) + " lists " + count).atMost(Duration.ofSeconds(30)).until(() -> {
            Api.Reply reply = api.get(page);
            return reply.status() == 200 && reply.json().getInt("count") == count;
        });
    }

    private static void assertWithheld(Api.Reply reply, String what) {
        assertEquals(451, reply.status(), reply.toString());
        assertEquals("withheld", reply.json().getString("error"));
        assertTrue(reply.json().getString("detail").contains(what), reply.toString());
    }

    private static Set<String> pagesOfTheRoot(Api api, KuboDaemon kubo) {
        Cid root = Cid.parse(api.get("/").json().getString("cid"));
        return DagFolders.entries(root, cid -> kubo.client().block.get(cid)).keySet();
    }

    /** kubo's {@code add -r} of the store's page folders that still hold a comment. */
    private static Cid kubosOwnRoot(KuboDaemon kubo, Path data) throws IOException {
        Path copy = DIR.resolve("copy").resolve("comments");
        Files.createDirectories(copy);
        try (Stream<Path> pages = Files.list(data.resolve("comments"))) {
            for (Path page : pages.filter(Files::isDirectory).toList()) {
                try (Stream<Path> files = Files.list(page)) {
                    for (Path file : files.filter(f -> f.toString().endsWith(".json")).toList()) {
                        Files.createDirectories(copy.resolve(page.getFileName()));
                        Files.copy(file, copy.resolve(page.getFileName()).resolve(file.getFileName()));
                    }
                }
            }
        }
        return KuboCli.hashRecursive(kubo, copy).get("comments");
    }

    private static ToolJar.Run tool(ServerSettings settings, String... args) throws IOException, InterruptedException {
        return ToolJar.run("takedown-tool", settings, Duration.ofMinutes(2), args);
    }
}
