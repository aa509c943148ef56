package dev.comments.sync.testing;

import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import dev.comments.core.cid.Cid;
import dev.comments.core.kubo.KuboClient;
import dev.comments.testkit.kubo.KuboDaemon;
import dev.comments.core.kubo.KuboException;
import dev.comments.core.network.NetworkId;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A peer as the agent sees one, without Payara: a real kubo daemon holding whatever tree
 * a test builds in it (honest or crafted), and a real HTTP server (the JDK's) answering
 * {@code GET /} with the root the test chooses, on the address the daemon announces
 * ({@code /ip4/<ip>/tcp/<port>/http}), so the agent finds it through the DHT.
 */
public final class TestPeer implements AutoCloseable {

    private static final Pattern HTTP_ANNOUNCE = Pattern.compile("/ip4/([^/]+)/tcp/(\\d+)/http");

    private final KuboDaemon daemon;
    private final InetSocketAddress address;
    private HttpServer http;
    private volatile Cid root;
    private volatile byte[] withheld;
    private volatile Duration rootDelay = Duration.ZERO;

    private TestPeer(KuboDaemon daemon, InetSocketAddress address) {
        this.daemon = daemon;
        this.address = address;
    }

    public static TestPeer start(Path dir, String ip, String... bootstrap) {
        KuboDaemon daemon = KuboDaemon.start(dir.resolve("kubo"), ip, bootstrap);
        Matcher m = HTTP_ANNOUNCE.matcher(daemon.httpAnnounce());
        if (!m.matches()) {
            daemon.close();
            throw new IllegalStateException("unexpected announce address " + daemon.httpAnnounce());
        }
        TestPeer peer = new TestPeer(daemon, new InetSocketAddress(m.group(1), Integer.parseInt(m.group(2))));
        peer.startHttp();
        return peer;
    }

    public KuboDaemon daemon() {
        return daemon;
    }

    public KuboClient kubo() {
        return daemon.client();
    }

    /** The base URL the agent is expected to find for this peer. */
    public URI url() {
        return URI.create("http://" + address.getHostString() + ":" + address.getPort() + "/");
    }

    /** What {@code GET /} answers from now on. */
    public void serve(Cid root) {
        this.root = root;
    }

    /** {@code GET /} answers only after this long: a peer that answers just inside the caller's deadline. */
    public void answerRootAfter(Duration delay) {
        this.rootDelay = delay;
    }

    /** What {@code GET /withheld} answers from now on (an operator's withheld list); 404 before. */
    public void serveWithheld(byte[] list) {
        this.withheld = list;
    }

    /** Provides the network id's key, as a server does, once the daemon has a DHT peer to tell. */
    public void announce(NetworkId network) {
        kubo().block.put(network.bytes());
        await("peer " + daemon.peerId() + " provides the network id").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500)).ignoreException(KuboException.class)
                .until(() -> {
                    kubo().routing.provide(network.dhtKey());
                    return true;
                });
    }

    public void startHttp() {
        try {
            http = HttpServer.create(address, 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + address, e);
        }
        http.createContext("/withheld", exchange -> {
            try (exchange) {
                byte[] list = withheld;
                exchange.sendResponseHeaders(list == null ? 404 : 200, list == null ? -1 : list.length);
                if (list != null) {
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write(list);
                    }
                }
            }
        });
        http.createContext("/", exchange -> {
            try (exchange) {
                try {
                    Thread.sleep(rootDelay); // the pace of a slow peer is what the test is about
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                Cid current = root;
                boolean isRoot = "/".equals(exchange.getRequestURI().getPath()) && "GET".equals(exchange.getRequestMethod());
                byte[] body = (current == null || !isRoot ? "{\"error\":\"not-here\"}"
                        : "{\"cid\":\"" + current + "\"}").getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(current == null || !isRoot ? 404 : 200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        });
        http.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        http.start();
    }

    public void stopHttp() {
        if (http != null) {
            http.stop(0);
            http = null;
        }
    }

    @Override
    public void close() {
        stopHttp();
        daemon.close();
    }
}
