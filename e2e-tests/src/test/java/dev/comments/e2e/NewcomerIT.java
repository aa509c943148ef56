package dev.comments.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.comments.launch.Setting;
import dev.comments.testkit.browser.Browser;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A newcomer's path: a fresh clone, `./dev up`, the URL it prints, a working page in Chromium,
 * `./dev stop`. The clone is of what is committed; it shares this checkout's `.tools/` (kubo,
 * built once per machine) so that the suite does not compile kubo a second time. What was started
 * is read from `./dev status --json`, not from the wording of `./dev up`'s output, which must
 * name the same URLs.
 */
class NewcomerIT {

    private static final Path DIR = Path.of("target/e2e/newcomer").toAbsolutePath();

    @Test
    void aFreshCloneComesUpWithOneCommandAndItsPrintedUrlShowsAWorkingPage() throws Exception {
        Path repo = Path.of(System.getProperty("comments.repo"));
        Path clone = DIR.resolve("clone");
        run(DIR.getParent(), Duration.ofMinutes(1), "rm", "-rf", DIR.toString());
        Files.createDirectories(DIR);
        run(DIR, Duration.ofMinutes(2), "git", "clone", "-q", repo.toString(), clone.toString());
        Files.createSymbolicLink(clone.resolve(".tools"), repo.resolve(".tools"));
        try {
            String out = run(clone, Duration.ofMinutes(12), "./dev", "up");

            String statusJson = run(clone, Duration.ofMinutes(1), "./dev", "status", "--json");
            JsonObject status = Json.createReader(new StringReader(statusJson)).readObject();
            assertFalse(status.isNull("client"), "the client site answers:\n" + statusJson);
            String url = status.getString("client");
            assertTrue(url.matches("http://127\\.0\\.0\\.1:\\d+/"), url);
            assertTrue(out.contains(url), "./dev up prints the URL to open, " + url + ":\n" + out);
            List<JsonObject> servers = status.getJsonArray("servers").getValuesAs(JsonObject.class);
            assertEquals("http://127.0.0.2:8000", servers.get(0).getString("api"), statusJson);
            for (JsonObject server : servers) {
                assertTrue(out.contains(server.getString("api")), "./dev up prints " + server.getString("name")
                        + "'s comment API, " + server.getString("api") + ":\n" + out);
            }
            assertTrue(servers.stream().anyMatch(server -> server.getBoolean("up")), statusJson);

            try (Browser newcomer = Browser.open(DIR.resolve("profile"), null)) {
                newcomer.go(url);
                newcomer.waiting(Duration.ofSeconds(60)).until(d -> newcomer.byTestId("url-box").isDisplayed());
                newcomer.byTestId("url-input").sendKeys("https://example.com/a?utm_source=x#frag");
                newcomer.byTestId("url-open").click();
                newcomer.waiting(Duration.ofSeconds(120))
                        .until(d -> "ready".equals(newcomer.byTestId("status").getAttribute("data-state")));
                assertTrue(newcomer.driver().getCurrentUrl().endsWith("#" + sha256Hex("https://example.com/a")
                                + "?url=" + java.net.URLEncoder.encode("https://example.com/a", java.nio.charset.StandardCharsets.UTF_8)),
                        "the pasted URL is normalized and hashed, and kept in the fragment: " + newcomer.driver().getCurrentUrl());
                assertEquals("https://example.com/a", newcomer.byTestId("page-title").getText(), "the page is named by its address");
                assertTrue(Integer.parseInt(newcomer.byTestId("status-servers").getAttribute("data-count")) >= 1);
                newcomer.screenshot("6-newcomer");
            }
        } finally {
            run(clone, Duration.ofMinutes(3), "./dev", "stop");
        }
    }

    private static String sha256Hex(String s) throws Exception {
        return java.util.HexFormat.of().formatHex(
                java.security.MessageDigest.getInstance("SHA-256").digest(s.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    /** Runs a command, keeps its output in DIR, and returns it; fails on a non-zero exit. */
    private static String run(Path dir, Duration timeout, String... command) throws IOException, InterruptedException {
        Path log = DIR.getParent().resolve("newcomer-" + command[command.length - 1].replaceAll("\\W", "") + ".log");
        Files.createDirectories(log.getParent());
        ProcessBuilder b = new ProcessBuilder(List.of(command)).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        Setting.clearFrom(b.environment());
        Process p = b.start();
        if (!p.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not finish in " + timeout + "; see " + log);
        }
        String out = Files.readString(log);
        assertEquals(0, p.exitValue(), String.join(" ", command) + " failed:\n" + out);
        return out;
    }
}
