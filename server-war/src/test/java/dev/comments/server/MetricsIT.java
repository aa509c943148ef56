package dev.comments.server;

import static dev.comments.core.testing.TestComments.SIGNER;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.comments.core.kubo.KuboDaemon;
import dev.comments.server.testing.Api;
import dev.comments.server.testing.Api.Reply;
import dev.comments.server.testing.PayaraServer;
import dev.comments.server.testing.PrometheusText;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code GET /metrics} on the shipped WAR: Prometheus text that a strict parser accepts, counting a POST. */
class MetricsIT {

    private static final String IP = "127.0.90.1";
    private static final String PAGE = "ab".repeat(32);

    @Test
    void metricsParseAndCountAPostedComment() throws Exception {
        Path dir = ServerRecoveryIT.freshDir("metrics");
        try (KuboDaemon daemon = KuboDaemon.start(dir.resolve("kubo"), IP);
             PayaraServer server = new PayaraServer(dir.resolve("payara"), IP, 8000, Map.of(
                     "COMMENTS_DATA_DIR", dir.resolve("data").toString(),
                     "COMMENTS_IPFS_API", daemon.api().toString(),
                     "COMMENTS_HTTP_HOST", IP,
                     "COMMENTS_ANNOUNCE", "/ip4/" + IP + "/tcp/8000/http")).start()) {
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
        }
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
