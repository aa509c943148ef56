package dev.comments.server;

import static dev.comments.testkit.data.TestComments.SIGNER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.comments.core.comment.Comment;
import dev.comments.launch.ServerSettings;
import dev.comments.launch.Setting;
import dev.comments.testkit.Folders;
import dev.comments.testkit.data.TestComments;
import dev.comments.testkit.FreePorts;
import dev.comments.testkit.kubo.KuboDaemon;
import dev.comments.testkit.server.Api;
import dev.comments.testkit.server.Api.Reply;
import dev.comments.testkit.server.PayaraServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A server that asks for stamps (docs/protocol.md §3.9) says how many bits in {@code GET /health},
 * takes a comment stamped with at least that many and refuses a weaker one, version 1 or 2, with
 * {@code 400 weak-stamp}, storing nothing of it.
 */
class StampPolicyIT {

    private static final String IP = "127.0.96.1";
    private static final int MIN_BITS = 8;

    @Test
    void healthNamesTheMinimumAndOnlyCommentsStampedWithItAreTaken() throws Exception {
        Path dir = Path.of("target/it-data/stamps").toAbsolutePath();
        Folders.deleteRecursively(dir);
        try (KuboDaemon daemon = KuboDaemon.start(dir.resolve("kubo"), IP);
             PayaraServer server = new PayaraServer(dir.resolve("payara"), ServerSettings.of(dir.resolve("data"))
                     .http(IP, FreePorts.on(IP)).ipfsApi(daemon.api()).with(Setting.ANNOUNCE, daemon.httpAnnounce())
                     .with(Setting.STAMP_MIN_BITS, MIN_BITS)).start().awaitUp(Duration.ofSeconds(180))) {
            Api api = new Api(server.base(), IP);
            Reply health = api.get("health");
            assertEquals(MIN_BITS, health.json().getInt("stampMinBits"), health.body());

            String page = TestComments.PAGE;
            Comment unstamped = TestComments.weakerThan(MIN_BITS, i -> SIGNER.sign(page, null, "Ada", "never stamped " + i, 1795530000000L));
            Comment tooWeak = TestComments.weakerThan(MIN_BITS, i -> SIGNER.sign(page, null, "Ada", "stamped too little", 1795530000000L, i));
            Comment stamped = SIGNER.signStamped(page, null, "Ada", "stamped enough", 1795530000000L, MIN_BITS);

            for (Comment c : new Comment[] {unstamped, tooWeak}) {
                Reply refused = api.post(page, c.fileBytes());
                assertEquals(400, refused.status(), refused.body());
                assertEquals("weak-stamp", refused.json().getString("error"));
                assertTrue(refused.json().getString("detail").contains("at least " + MIN_BITS), refused.body());
                assertFalse(Files.exists(dir.resolve("data/comments").resolve(page).resolve(c.id() + ".json")), "nothing stored");
            }
            Reply taken = api.post(page, stamped.fileBytes());
            assertEquals(201, taken.status(), taken.body());
            assertEquals(stamped.id().text(), taken.json().getString("id"));
            assertEquals(1, api.get(page).json().getInt("count"), "the stamped comment alone is published");
        }
    }
}
