package dev.comments.sync;

import dev.comments.launch.Setting;
import dev.comments.launch.ServerSettings;
import static dev.comments.sync.testing.Pages.page;
import static dev.comments.sync.testing.Pages.signed;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.comments.testkit.kubo.KuboDaemon;
import dev.comments.core.network.NetworkId;
import dev.comments.core.network.UrlHash;
import dev.comments.testkit.server.Api;
import dev.comments.testkit.server.PayaraServer;
import dev.comments.testkit.agents.AgentProcess;
import dev.comments.sync.testing.Agents;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Three whole servers, each a kubo daemon, the shipped WAR on Payara Micro and the shipped
 * agent jar, on their own loopback addresses, with no static peers: the agents find each
 * other through the DHT and converge on the union of all comments.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NetworkSyncIT {

    private static final Duration INTERVAL = Duration.ofSeconds(2);
    private static final Duration DEADLINE = Duration.ofMinutes(3);
    private static final Pattern ROUND = Pattern.compile("event=sync-round round=(\\d+) .* written=(\\d+) ");
    private static final Pattern HTTP_PORT = Pattern.compile("/ip4/[^/]+/tcp/(\\d+)/http");

    private final NetworkId network = Agents.freshNetwork();
    private Path dir;
    private Server a;
    private Server b;
    private Server c;

    /** One server: its daemon, its comment server on the port the daemon announces, its agent. */
    private final class Server implements AutoCloseable {
        final String name;
        final String ip;
        final KuboDaemon daemon;
        final int port;
        final ServerSettings env;
        PayaraServer http;
        AgentProcess agent;
        Api api;

        Server(String name, String ip, String... bootstrap) {
            this.name = name;
            this.ip = ip;
            this.daemon = KuboDaemon.start(dir.resolve(name).resolve("kubo"), ip, bootstrap);
            Matcher m = HTTP_PORT.matcher(daemon.httpAnnounce());
            assertTrue(m.matches(), daemon.httpAnnounce());
            this.port = Integer.parseInt(m.group(1));
            this.env = ServerSettings.of(dir.resolve(name).resolve("data")).http(ip, port).ipfsApi(daemon.api())
                    .with(Setting.NETWORK_ID, network.hex()).with(Setting.ANNOUNCE, daemon.httpAnnounce()).withoutRateLimit()
                    .syncInterval(INTERVAL).with(Setting.SYNC_BACKOFF_MAX_MS, 4000);
        }

        void startServer() throws Exception {
            http = new PayaraServer(dir.resolve(name).resolve("payara"), env).start();
            api = new Api(http.base(), ip);
        }

        void startAgent() {
            agent = new AgentProcess(dir.resolve(name).resolve("sync-agent.log"), env).start();
        }

        int count(UrlHash page) {
            Api.Reply r = api.get(page.hex());
            return r.status() == 200 ? r.json().getInt("count") : -1;
        }

        void stopAll() {
            if (agent != null) {
                agent.close();
            }
            if (http != null) {
                http.close();
            }
            daemon.stop();
        }

        @Override
        public void close() {
            stopAll();
        }
    }

    @BeforeAll
    void startThreeServers() throws Exception {
        dir = Agents.freshDir("network");
        a = new Server("a", "127.0.42.1");
        b = new Server("b", "127.0.42.2", a.daemon.swarmAddress());
        c = new Server("c", "127.0.42.3", a.daemon.swarmAddress(), b.daemon.swarmAddress());
        for (Server s : List.of(a, b, c)) {
            s.startServer();
        }
        for (Server s : List.of(a, b, c)) {
            s.http.awaitUp(Duration.ofMinutes(3));
            s.startAgent();
        }
    }

    @AfterAll
    void stopThem() {
        for (Server s : new Server[] {c, b, a}) {
            if (s != null) {
                s.close();
            }
        }
    }

    @Test
    @Order(1)
    void aCommentPostedToAIsServedByCFoundThroughTheDht() {
        UrlHash page = page("network-first");
        byte[] comment = signed(page, "posted to A").fileBytes();
        int roundsBefore = lastRound(c.agent.output());
        Api.Reply posted = await("A takes the post").atMost(DEADLINE).pollInterval(Duration.ofMillis(500))
                .until(() -> a.api.post(page.hex(), comment), r -> r.status() == 201);
        String id = posted.json().getString("id");
        Instant at = Instant.now();

        await("C serves the comment posted to A").atMost(DEADLINE).pollInterval(Duration.ofMillis(250))
                .until(() -> c.count(page) == 1 && c.api.get(page.hex() + "/" + id).status() == 200);
        System.out.println("event=test-observed what=\"A to C\" ms=" + Duration.between(at, Instant.now()).toMillis()
                + " interval_ms=" + INTERVAL.toMillis());
        int wroteIn = firstRoundThatWrote(c.agent.output(), roundsBefore);
        assertTrue(wroteIn <= roundsBefore + 2, "C took it in its round " + wroteIn + "; the post came after round "
                + roundsBefore + ", so within two sync intervals means round " + (roundsBefore + 2) + " at the latest");
        await("B serves it too").atMost(DEADLINE).until(() -> b.count(page) == 1);
        // From A, or from B if B's round took it from A first: either way a peer found under the
        // network id (its source is a PeerID; there are no static peers).
        assertTrue(Pattern.compile("event=peer-synced peer=http://(" + Pattern.quote(a.ip + ":" + a.port) + "|"
                        + Pattern.quote(b.ip + ":" + b.port) + ")/ source=12D3\\S+ status=SYNCED written=1 ")
                        .matcher(c.agent.output()).find(),
                "C's agent took it from a peer found under the network id (no static peers):\n" + c.agent.output());
    }

    /** The number of the last round the agent's log reports (0 before the first). */
    static int lastRound(String log) {
        int last = 0;
        Matcher m = ROUND.matcher(log);
        while (m.find()) {
            last = Integer.parseInt(m.group(1));
        }
        return last;
    }

    /** The first round after {@code after} that wrote a comment. */
    static int firstRoundThatWrote(String log, int after) {
        Matcher m = ROUND.matcher(log);
        while (m.find()) {
            int round = Integer.parseInt(m.group(1));
            if (round > after && Integer.parseInt(m.group(2)) > 0) {
                return round;
            }
        }
        throw new AssertionError("no round after " + after + " wrote anything:\n" + log);
    }

    @Test
    @Order(2)
    void afterAPartitionAllThreeConvergeOnTenPagesOfManyComments() throws Exception {
        b.stopAll();
        List<UrlHash> pages = new ArrayList<>();
        for (int p = 0; p < 10; p++) {
            pages.add(page("partition-" + p));
        }
        int perServer = 12;
        for (UrlHash page : pages) {
            for (int i = 0; i < perServer; i++) {
                assertEquals(201, a.api.post(page.hex(), signed(page, "from A #" + i).fileBytes()).status());
                assertEquals(201, c.api.post(page.hex(), signed(page, "from C #" + i).fileBytes()).status());
            }
        }
        for (Server s : List.of(a, c)) {
            await(s.name + " has both halves while B is down").atMost(DEADLINE).pollInterval(Duration.ofSeconds(1))
                    .until(() -> pages.stream().allMatch(p -> s.count(p) == 2 * perServer));
        }

        b.daemon.restart();
        b.startServer();
        b.http.awaitUp(Duration.ofMinutes(3));
        b.startAgent();
        for (Server s : List.of(a, b, c)) {
            await(s.name + " has every comment of the ten pages").atMost(DEADLINE).pollInterval(Duration.ofSeconds(1))
                    .until(() -> pages.stream().allMatch(p -> s.count(p) == 2 * perServer));
        }
        assertTrue(b.agent.isAlive() && a.agent.isAlive() && c.agent.isAlive(), "the agents outlived the partition");
    }
}
