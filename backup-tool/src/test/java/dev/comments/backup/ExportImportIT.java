package dev.comments.backup;

import dev.comments.launch.ServerSettings;
import static dev.comments.testkit.data.TestComments.SIGNER;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.comments.testkit.ToolJar;
import dev.comments.testkit.kubo.KuboDaemon;
import dev.comments.testkit.server.Api;
import dev.comments.testkit.server.PayaraServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@code backup-tool export} of a server's whole store, then {@code import} into an empty
 * server, gives the identical {@code GET /} CID; a tampered CAR is refused with a clear
 * message and nothing reaches the store. One Payara Micro at a time.
 */
class ExportImportIT {

    private static final Path DIR = Path.of("target/it-data/export-import").toAbsolutePath();
    private static final String PAGE_A = "a1".repeat(32);
    private static final String PAGE_B = "b2".repeat(32);

    @Test
    void exportThenImportIntoAnEmptyServerGivesTheSameRootAndATamperedCarIsRefused() throws Exception {
        dev.comments.testkit.Folders.deleteRecursively(DIR);
        Files.createDirectories(DIR);
        String exportedRoot;
        Path car;
        try (KuboDaemon kubo = KuboDaemon.start(DIR.resolve("kubo-a"), "127.0.92.1");
             PayaraServer server = new PayaraServer(DIR.resolve("payara-a"),
                     env(DIR.resolve("data-a"), kubo)).start()) {
            Api api = healthy(server, "127.0.92.1");
            assertEquals(201, api.post(PAGE_A, SIGNER.sign(PAGE_A, null, "Ada", "first comment", 1L).fileBytes()).status());
            assertEquals(201, api.post(PAGE_A, SIGNER.sign(PAGE_A, null, "Grace", "second comment", 2L).fileBytes()).status());
            assertEquals(201, api.post(PAGE_B, SIGNER.sign(PAGE_B, null, "Alan", "other page", 3L).fileBytes()).status());
            exportedRoot = api.get("/").json().getString("cid");

            ToolJar.Run export = tool(env(DIR.resolve("data-a"), kubo), "export", DIR.resolve("backups").toString());
            assertEquals(0, export.exit(), export.out());
            car = Path.of(export.out().strip().lines().reduce((a, b) -> b).orElseThrow());
            assertEquals("comments-" + exportedRoot + ".car", car.getFileName().toString());
        }

        byte[] bytes = Files.readAllBytes(car);
        Path tampered = DIR.resolve("tampered.car");
        Files.write(tampered, replace(bytes, "second comment", "second commenT"));

        Path dataB = DIR.resolve("data-b");
        try (KuboDaemon kubo = KuboDaemon.start(DIR.resolve("kubo-b"), "127.0.92.2");
             PayaraServer server = new PayaraServer(DIR.resolve("payara-b"), env(dataB, kubo)).start()) {
            Api api = healthy(server, "127.0.92.2");
            String emptyRoot = api.get("/").json().getString("cid");

            ToolJar.Run refused = tool(env(dataB, kubo), "import", tampered.toString());
            assertEquals(BackupMain.REFUSED, refused.exit(), refused.out());
            assertTrue(refused.out().contains("import refused, nothing imported"), refused.out());
            assertEquals(0, commentFiles(dataB), "nothing reached the store");
            assertEquals(emptyRoot, api.get("/").json().getString("cid"));

            ToolJar.Run imported = tool(env(dataB, kubo), "import", car.toString());
            assertEquals(0, imported.exit(), imported.out());
            assertTrue(imported.out().contains("imported 3 comments on 2 pages (3 new)"), imported.out());
            await("the importing server publishes the same tree").atMost(Duration.ofSeconds(60)).until(() -> {
                Api.Reply root = api.get("/");
                assertTrue(root.status() == 200 || root.status() == 503, root.toString());
                return root.status() == 200 && exportedRoot.equals(root.json().getString("cid"));
            });
        }
    }

    private static Api healthy(PayaraServer server, String ip) {
        server.awaitUp(Duration.ofSeconds(120));
        Api api = new Api(server.base(), ip);
        await("the server is healthy").atMost(Duration.ofSeconds(90)).until(() -> api.get("health").status() == 200);
        return api;
    }

    private static ServerSettings env(Path data, KuboDaemon kubo) {
        return PayaraServer.settings(data, kubo, kubo.ip());
    }

    private static ToolJar.Run tool(ServerSettings env, String... args) throws IOException, InterruptedException {
        return ToolJar.run("backup-tool", env, Duration.ofMinutes(2), args);
    }

    private static byte[] replace(byte[] bytes, String from, String to) {
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        assertTrue(text.contains(from), "the CAR holds the comment's text");
        return text.replace(from, to).getBytes(StandardCharsets.ISO_8859_1);
    }

    private static long commentFiles(Path data) throws IOException {
        Path comments = data.resolve("comments");
        if (!Files.isDirectory(comments)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(comments)) {
            return files.filter(f -> f.toString().endsWith(".json")).count();
        }
    }

}
