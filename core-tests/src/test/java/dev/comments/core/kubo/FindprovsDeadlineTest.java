package dev.comments.core.kubo;

import dev.comments.testkit.kubo.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.sun.net.httpserver.HttpServer;
import dev.comments.core.cid.Cid;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link Routing#findprovsUntilDeadline} against an HTTP server that answers as kubo does
 * while a DHT search goes on: some events, then nothing until the caller gives up.
 */
class FindprovsDeadlineTest {

    private static final Cid KEY = Cid.ofRaw(new byte[32]);
    private static final String PROVIDER = "{\"Type\":4,\"Responses\":[{\"ID\":\"12D3KooWA\",\"Addrs\":[\"/ip4/127.0.0.3/tcp/8000/http\"]}]}\n";
    private static final String QUERY = "{\"Type\":0,\"Responses\":null}\n";

    private final CountDownLatch release = new CountDownLatch(1);
    private HttpServer server;
    private volatile String events;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.40.2", 0), 0);
        server.createContext("/api/v0/routing/findprovs", exchange -> {
            try (exchange) {
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, 0);
                OutputStream out = exchange.getResponseBody();
                out.write(events.getBytes(StandardCharsets.UTF_8));
                out.flush();
                release.await(30, TimeUnit.SECONDS); // the search goes on
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.start();
    }

    @AfterEach
    void stop() {
        release.countDown();
        server.stop(0);
    }

    private KuboClient client() {
        return KuboClient.connect(URI.create("http://127.0.40.2:" + server.getAddress().getPort()), Duration.ofMillis(800));
    }

    @Test
    void theProvidersFoundByTheDeadlineAreTheAnswer() {
        events = QUERY + PROVIDER + QUERY;
        try (KuboClient kubo = client()) {
            List<PeerAddresses> found = kubo.routing.findprovsUntilDeadline(KEY, 20);
            assertEquals(List.of("12D3KooWA"), found.stream().map(PeerAddresses::id).toList());
            assertThrows(KuboException.class, () -> kubo.routing.findprovs(KEY, 20), "the plain call still fails at its deadline");
        }
    }

    @Test
    void nobodyFoundByTheDeadlineIsStillAnError() {
        events = QUERY;
        try (KuboClient kubo = client()) {
            KuboException e = assertThrows(KuboException.class, () -> kubo.routing.findprovsUntilDeadline(KEY, 20));
            assertEquals(KuboException.NO_ANSWER, e.status());
        }
    }
}
