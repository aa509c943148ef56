package dev.comments.sync.pull;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.comments.core.cid.Cid;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** GET / of a peer, against a real HTTP server that answers what each test makes it answer. */
class PeerApiTest {

    private static final String FOLDER = "bafybeigakanxmvouuaarpnni2dtenmi3ikat7roymanu2jjw4r5oyqepv4";

    private HttpServer server;
    private PeerApi api;
    private final CountDownLatch release = new CountDownLatch(1);
    private volatile Answer answer;

    @FunctionalInterface
    interface Answer {
        void send(HttpExchange exchange) throws IOException;
    }

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.40.1", 0), 0);
        server.createContext("/", exchange -> {
            try (exchange) {
                answer.send(exchange);
            }
        });
        server.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
        server.start();
        api = new PeerApi(Duration.ofSeconds(1));
    }

    @AfterEach
    void stop() {
        release.countDown();
        api.close();
        server.stop(0);
    }

    private URI base() {
        return URI.create("http://127.0.40.1:" + server.getAddress().getPort() + "/");
    }

    private void answer(int status, String body) {
        answer = exchange -> {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        };
    }

    @Test
    void theRootCidOfAnHonestServer() throws Exception {
        answer(200, "{\"cid\":\"" + FOLDER + "\"}");
        assertEquals(Cid.parse(FOLDER), api.root(base()));
    }

    @Test
    void anAnswerThatIsNotAFolderCidIsInvalid() {
        for (String body : new String[] {"", "[]", "{}", "{\"cid\":1}", "{\"cid\":\"QmNotV1\"}", "not json",
                "{\"cid\":\"bafkreiabltrd5zm73pvi7plq25pef3hm7jxhbi3kv4hapegrkfpkqtkbme\"}"}) {
            answer(200, body);
            PeerException e = assertThrows(PeerException.class, () -> api.root(base()), body);
            assertEquals(PeerException.Kind.INVALID, e.kind(), body);
        }
    }

    @Test
    void anErrorStatusARedirectAndNoServerAreUnreachable() {
        answer(503, "{\"error\":\"ipfs-unavailable\"}");
        assertEquals(PeerException.Kind.UNREACHABLE, assertThrows(PeerException.class, () -> api.root(base())).kind());
        answer = exchange -> {
            exchange.getResponseHeaders().add("Location", "http://127.0.40.2:1/");
            exchange.sendResponseHeaders(302, -1);
        };
        assertEquals(PeerException.Kind.UNREACHABLE, assertThrows(PeerException.class, () -> api.root(base())).kind());
        URI gone = URI.create("http://127.0.40.1:1/");
        assertEquals(PeerException.Kind.UNREACHABLE, assertThrows(PeerException.class, () -> api.root(gone)).kind());
    }

    @Test
    void aServerThatIsBusyOrRebuildingIsBusyNotUnreachable() {
        answer(503, "{\"error\":\"rebuilding\",\"message\":\"back shortly\"}");
        assertEquals(PeerException.Kind.BUSY, assertThrows(PeerException.class, () -> api.root(base())).kind());
    }

    @Test
    void anEndlessAnswerIsCutAtTheLimit() {
        answer = exchange -> {
            exchange.sendResponseHeaders(200, 0); // chunked, no end announced
            OutputStream out = exchange.getResponseBody();
            byte[] chunk = new byte[1024];
            for (int i = 0; i < 1024; i++) {
                out.write(chunk); // 1 MiB unless the client hangs up first, which it does
            }
        };
        assertEquals(PeerException.Kind.UNREACHABLE, assertThrows(PeerException.class, () -> api.root(base())).kind());
    }

    @Test
    void aPeerThatNeverAnswersMeetsTheDeadline() {
        answer = exchange -> {
            exchange.sendResponseHeaders(200, 0);
            exchange.getResponseBody().write("{\"cid\":".getBytes(StandardCharsets.UTF_8));
            exchange.getResponseBody().flush();
            try {
                release.await(30, TimeUnit.SECONDS); // trickles nothing more until the test ends
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
        PeerException e = assertThrows(PeerException.class, () -> api.root(base()));
        assertEquals(PeerException.Kind.UNREACHABLE, e.kind());
    }
}
