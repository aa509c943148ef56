package dev.comments.server;

import static dev.comments.testkit.data.TestComments.SIGNER;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.comments.core.reports.ChildStatus;
import dev.comments.core.reports.SyncHeartbeat;
import dev.comments.core.reports.SyncRoundFigures;
import dev.comments.core.reports.WatcherStatus;
import dev.comments.launch.Setting;
import dev.comments.testkit.data.LargeStore;
import dev.comments.testkit.kubo.KuboDaemon;
import dev.comments.testkit.server.Api.Reply;
import dev.comments.testkit.server.Api;
import dev.comments.testkit.server.PayaraServer;
import dev.comments.testkit.server.PrometheusText;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /metrics} on the shipped WAR: Prometheus text that a strict parser accepts, counting a
 * POST, and showing what the watcher and the sync agent report through their files.
 */
class MetricsIT {

    private static final String IP = "127.0.90.1";
    private static final String IP2 = "127.0.90.2";
    private static final String PAGE = "ab".repeat(32);

    @Test
    void metricsParseAndCountAPostedComment() throws Exception {
        Path dir = ServerRecoveryIT.freshDir("metrics");
        try (KuboDaemon daemon = KuboDaemon.start(dir.resolve("kubo"), IP);
             PayaraServer server = new PayaraServer(dir.resolve("payara"), PayaraServer.settings(dir.resolve("data"), daemon, IP)).start()) {
            server.awaitUp(Duration.ofSeconds(90));
            Api api = new Api(server.base(), IP);
            await("the server is healthy").atMost(Duration.ofSeconds(90)).until(() -> api.get("health").status() == 200);

            assertEquals(201, api.post(PAGE, SIGNER.sign(PAGE, null, "Ada", "counted", 1L).fileBytes()).status());
            assertEquals(200, api.get(PAGE).status());

            Reply reply = api.get("metrics");
            assertEquals(200, reply.status(), reply.body());
            assertTrue(reply.header("Content-Type").startsWith("text/plain"), reply.header("Content-Type"));
            PrometheusText metrics = PrometheusText.parse(reply.body());

            assertEquals("counter", metrics.type("comments_http_requests_total"), reply.body());
            assertEquals(1.0, metrics.value("comments_http_requests_total",
                    Map.of("route", "/{urlHash}", "method", "POST", "status", "201")).orElseThrow(), reply.body());
            assertEquals("histogram", metrics.type("comments_http_request_duration_seconds"));
            assertTrue(metrics.value("comments_http_request_duration_seconds_count",
                    Map.of("route", "/{urlHash}", "method", "POST")).orElseThrow() >= 1.0);
            assertEquals(1.0, metrics.value("comments_stored", Map.of()).orElseThrow());
            assertEquals(0.0, metrics.value("comments_write_queue", Map.of()).orElseThrow());
            assertTrue(metrics.value("comments_work_in_flight", Map.of("pool", "post")).isPresent());
            assertTrue(metrics.value("comments_daemon_calls_total", Map.of("call", "version")).orElseThrow() >= 1.0);
            assertTrue(metrics.samples("comments_http_requests_total").stream()
                    .noneMatch(s -> s.labels().get("route").contains(PAGE)), "routes are templates, never a page's hash");
            assertTrue(metrics.value("comments_disk_free_bytes", Map.of()).orElseThrow() > 0);
            assertEquals(512.0 * (1 << 20), metrics.value("comments_disk_free_min_bytes", Map.of()).orElseThrow(), "the default floor");
            assertTrue(metrics.value("comments_ipfs_repo_bytes", Map.of("kind", "size")).orElseThrow() > 0, "kubo's repository");
            assertTrue(metrics.value("comments_ipfs_repo_bytes", Map.of("kind", "max")).orElseThrow() > 0, "and its limit");
            assertEquals(1.0, metrics.value("comments_ratelimit_clients", Map.of()).orElseThrow(), "the one client that posted");
            assertEquals(0.0, metrics.value("comments_ratelimit_overflowed_total", Map.of()).orElseThrow());
            assertTrue(metrics.samples("comments_sync_rounds_total").isEmpty(), "no sync agent has run here");
            assertTrue(metrics.samples("comments_watcher_child_restarts_total").isEmpty(), "no watcher has run here");
        }
    }

    /**
     * Also, on this server's disk "full" (a floor above any disk): a POST answers 507 and stores
     * nothing, reads go on, and /metrics shows the free space under the floor.
     */
    @Test
    void theWatchersStatusAndTheSyncAgentsLastRoundShowAsTheyReportThem() throws Exception {
        Path dir = ServerRecoveryIT.freshDir("metrics-reports");
        Path data = dir.resolve("data");
        LargeStore.onOnePage(data, PAGE, 1, "stored before the disk filled up");
        try (KuboDaemon daemon = KuboDaemon.start(dir.resolve("kubo"), IP2);
             PayaraServer server = new PayaraServer(dir.resolve("payara"), PayaraServer.settings(data, daemon, IP2)
                     .with(Setting.DISK_FREE_MIN_MB, 2_000_000_000)).start()) {
            server.awaitUp(Duration.ofSeconds(90));
            Api api = new Api(server.base(), IP2);

            Reply full = api.post(PAGE, SIGNER.sign(PAGE, null, "Ada", "no room", 2L).fileBytes());
            assertEquals(507, full.status(), full.toString());
            assertEquals("insufficient-storage", full.json().getString("error"));
            await("reads go on").atMost(Duration.ofSeconds(60)).until(() -> api.get(PAGE).status() == 200);
            assertEquals(1, api.get(PAGE).json().getInt("count"), "the refused comment was not stored");
            PrometheusText disk = scrape(api);
            assertEquals(1.0, disk.value("comments_stored", Map.of()).orElseThrow(), "counted by the rebuild at start");
            assertEquals(1.0, disk.value("comments_pages", Map.of()).orElseThrow());
            assertTrue(disk.value("comments_disk_free_bytes", Map.of()).orElseThrow()
                    < disk.value("comments_disk_free_min_bytes", Map.of()).orElseThrow());
            assertEquals(1.0, disk.value("comments_http_requests_total",
                    Map.of("route", "/{urlHash}", "method", "POST", "status", "507")).orElseThrow());

            // What a crashed writer or another program might leave: the scrape still answers.
            Files.createDirectories(data.resolve("watcher"));
            Files.writeString(data.resolve("sync-agent.heartbeat"), "time=2026-11-30T10:00:00Z event=sync-round");
            Files.writeString(data.resolve("watcher/status.json"), "{\"children\":");
            PrometheusText broken = scrape(api);
            assertTrue(broken.samples("comments_sync_rounds_total").isEmpty());
            assertTrue(broken.samples("comments_watcher_child_running").isEmpty());

            Instant now = Instant.now();
            new SyncHeartbeat(now, 4242, Optional.of(new SyncRoundFigures(12, true, 3, 2, 1, 1, 4, 5, 6, 7, 8, 1500)))
                    .write(data.resolve("sync-agent.heartbeat"));
            new WatcherStatus(4141, now, List.of(
                    new ChildStatus("kubo", "RUNNING", 10, 60_000, 2, 3, "hung: 3 probes failed in a row", 100L << 20),
                    new ChildStatus("sync", "BACKOFF", -1, 0, 5, 5, "exited with code 1", 0)))
                    .write(data.resolve("watcher/status.json"));
            PrometheusText m = scrape(api);

            assertEquals("counter", m.type("comments_sync_rounds_total"));
            assertEquals(12.0, m.value("comments_sync_rounds_total", Map.of()).orElseThrow());
            assertEquals(1.0, m.value("comments_sync_last_round_daemon_up", Map.of()).orElseThrow());
            assertEquals(1.5, m.value("comments_sync_last_round_duration_seconds", Map.of()).orElseThrow());
            assertEquals(3.0, m.value("comments_sync_last_round_peers", Map.of("state", "found")).orElseThrow());
            assertEquals(2.0, m.value("comments_sync_last_round_peers", Map.of("state", "contacted")).orElseThrow());
            assertEquals(1.0, m.value("comments_sync_last_round_peers", Map.of("state", "failed")).orElseThrow());
            assertEquals(1.0, m.value("comments_sync_last_round_folders_listed", Map.of("kind", "root")).orElseThrow());
            assertEquals(4.0, m.value("comments_sync_last_round_folders_listed", Map.of("kind", "page")).orElseThrow());
            assertEquals(5.0, m.value("comments_sync_last_round_blocks_fetched", Map.of()).orElseThrow());
            assertEquals(6.0, m.value("comments_sync_last_round_comments", Map.of("result", "written")).orElseThrow());
            assertEquals(7.0, m.value("comments_sync_last_round_comments", Map.of("result", "rejected")).orElseThrow());
            assertEquals(8.0, m.value("comments_sync_last_round_comments", Map.of("result", "ignored")).orElseThrow());
            assertTrue(m.value("comments_sync_heartbeat_age_seconds", Map.of()).orElseThrow() >= 0);

            assertEquals("counter", m.type("comments_watcher_child_restarts_total"));
            assertEquals(2.0, m.value("comments_watcher_child_restarts_total", Map.of("child", "kubo")).orElseThrow());
            assertEquals(5.0, m.value("comments_watcher_child_restarts_total", Map.of("child", "sync")).orElseThrow());
            assertEquals(1.0, m.value("comments_watcher_child_running", Map.of("child", "kubo")).orElseThrow());
            assertEquals(0.0, m.value("comments_watcher_child_running", Map.of("child", "sync")).orElseThrow());
            assertEquals(100.0 * (1 << 20), m.value("comments_watcher_child_resident_bytes", Map.of("child", "kubo")).orElseThrow());
            assertTrue(m.value("comments_watcher_status_age_seconds", Map.of()).isPresent());
        }
    }

    private static PrometheusText scrape(Api api) {
        Reply reply = api.get("metrics");
        assertEquals(200, reply.status(), reply.body());
        return PrometheusText.parse(reply.body());
    }

    @Test
    void theParserIsStrict() {
        assertThrows(IllegalArgumentException.class, () -> PrometheusText.parse("a{b=\"c} 1\n"));
        assertThrows(IllegalArgumentException.class, () -> PrometheusText.parse("a 1\n# TYPE a counter\n"));
        assertThrows(IllegalArgumentException.class, () -> PrometheusText.parse("a one\n"));
        assertThrows(IllegalArgumentException.class, () -> PrometheusText.parse("# TYPE h histogram\nh_bucket{le=\"1\"} 2\n"
                + "h_bucket{le=\"+Inf\"} 1\nh_count 1\n"));
        assertEquals(2.0, PrometheusText.parse("# TYPE a counter\na_total{x=\"q\\\"\"} 2\n")
                .value("a_total", Map.of("x", "q\"")).orElseThrow());
    }
}
