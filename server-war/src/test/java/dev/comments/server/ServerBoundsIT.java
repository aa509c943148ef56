package dev.comments.server;

import static dev.comments.testkit.data.TestComments.SIGNER;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.comments.core.kubo.Repo;
import dev.comments.launch.Setting;
import dev.comments.testkit.Folders;
import dev.comments.testkit.FreePorts;
import dev.comments.testkit.Jcmd;
import dev.comments.testkit.kubo.KuboCli;
import dev.comments.testkit.kubo.KuboDaemon;
import dev.comments.testkit.proxy.Caddy;
import dev.comments.testkit.server.Api;
import dev.comments.testkit.server.Api.Reply;
import dev.comments.testkit.server.PayaraServer;
import dev.comments.testkit.server.PipelinedGets;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What clients may cost a server, on the WAR as it ships (-Xmx512m, default settings but a small
 * rate limit): posts are limited per reader, not per proxy, behind a real Caddy configured with
 * docs/deploy.md's own block; reads of any number of pages keep no memory; the daemon's disk
 * stays within its storage limit. Each reader has a burst of three posts and (at one a minute)
 * no refill during the test; each test uses readers of its own.
 */
class ServerBoundsIT {

    private static final String IP = "127.0.44.1";
    private static final int WARM_UP = 20_000;
    private static final int PAGES = 200_000;
    /** Per-page state of even 84 bytes over 200,000 pages would exceed it. */
    private static final long HEAP_BOUND = 16L << 20;
    private static final Path DIR = Path.of("target/it-data/bounds").toAbsolutePath();
    private static final int BURST = 3;
    private static final AtomicLong SEQUENCE = new AtomicLong();

    private static KuboDaemon daemon;
    private static PayaraServer server;
    private static Api api;
    private static Caddy caddy;

    @BeforeAll
    static void start() throws Exception {
        Folders.deleteRecursively(DIR);
        daemon = KuboDaemon.start(DIR.resolve("kubo"), IP);
        // trusted proxies and the header: the defaults, which docs/deploy.md's Caddy matches
        server = new PayaraServer(DIR.resolve("payara"), PayaraServer.settings(DIR.resolve("data"), daemon, IP)
                .with(Setting.RATE_LIMIT_BURST, BURST).with(Setting.RATE_LIMIT_POSTS_PER_MINUTE, 1)).start()
                .awaitUp(Duration.ofSeconds(180));
        api = new Api(server.base(), IP);
        caddy = Caddy.inFrontOf(IP + ":8000", "127.0.44.2", FreePorts.on("127.0.44.2"), DIR.resolve("caddy"));
    }

    @AfterAll
    static void stop() {
        for (AutoCloseable part : new AutoCloseable[] {caddy, server, daemon}) {
            try {
                if (part != null) {
                    part.close();
                }
            } catch (Exception e) {
                e.printStackTrace();
            }
        }
    }

    @Test
    void twoReadersBehindTheProxyHaveABudgetEach() {
        Api first = new Api(caddy.url(), "127.0.44.11");
        Api second = new Api(caddy.url(), "127.0.44.12");
        spendBurst(first);
        Reply limited = post(first, Map.of());
        assertEquals(429, limited.status(), limited.toString());
        assertNotNull(limited.header("Retry-After"));
        assertEquals(201, post(second, Map.of()).status(), "the other reader behind the same proxy still posts");
    }

    @Test
    void aForgedHeaderChangesNothing() {
        Api throughProxy = new Api(caddy.url(), "127.0.44.21");
        spendBurst(throughProxy);
        assertEquals(429, post(throughProxy, Map.of("X-Forwarded-For", "198.51.100.21")).status(),
                "a header the reader wrote through the proxy is not its address");
        assertEquals(429, post(throughProxy, Map.of("Forwarded", "for=198.51.100.22")).status());

        Api direct = new Api(server.base(), "127.0.44.22");
        spendBurst(direct);
        assertEquals(429, post(direct, Map.of("X-Forwarded-For", "198.51.100.23")).status(),
                "from an address that is no trusted proxy the header is ignored");
    }

    @Test
    void clientsAProxyNamesByIpv6ShareABudgetPerSlash64() {
        // straight from 127.0.0.1, the trusted proxy's address, as a proxy that reached us over IPv6
        Api proxy = new Api(server.base(), "127.0.0.1");
        for (int i = 1; i <= BURST; i++) {
            assertEquals(201, post(proxy, Map.of("X-Forwarded-For", "2001:db8:1:2::" + i)).status());
        }
        assertEquals(429, post(proxy, Map.of("X-Forwarded-For", "2001:db8:1:2:ffff::9")).status(), "the same /64");
        assertEquals(201, post(proxy, Map.of("X-Forwarded-For", "2001:db8:1:3::1")).status(), "another /64");
    }

    @Test
    void twoHundredThousandRandomPagesLeaveTheHeapAsItWas() throws Exception {
        String commented = page("commented", 0);
        assertEquals(201, api.post(commented, SIGNER.sign(commented, null, "Reader", "a page with a comment", 1L).fileBytes()).status());
        long pid = server.pid();

        Map<Integer, Long> warm = PipelinedGets.send(server.base(), IP, 4, WARM_UP, i -> page("warm-up", i));
        long before = Jcmd.heapUsedAfterFullGc(pid);
        Map<Integer, Long> answers = PipelinedGets.send(server.base(), IP, 4, PAGES, i -> page("random", i));
        long after = Jcmd.heapUsedAfterFullGc(pid);

        assertTrue(Set.of(200, 503).containsAll(answers.keySet()), "only answers and busy: " + answers);
        assertTrue(answers.getOrDefault(200, 0L) >= PAGES * 9L / 10, "most pages answered: " + answers + " (warm-up " + warm + ")");
        assertTrue(after - before < HEAP_BOUND, "heap after a full GC grew by " + (after - before) / 1024 + " KiB over "
                + PAGES + " pages (before " + before / 1024 + " KiB, after " + after / 1024 + " KiB)");
        assertEquals(pid, server.pid(), "no restart");
        assertEquals(200, api.get("health").status());
        assertEquals(1, api.get(commented).json().getInt("count"));
    }

    /**
     * Blocks nothing pins (what the sync agent fetched and refused is such) are collected once the
     * repository passes 90 % of its storage limit, though the server replaced none of its own.
     */
    @Test
    void pastItsStorageLimitTheDaemonsUnpinnedBlocksAreCollected() {
        long start = daemon.client().repo.stat().repoSize();
        long junk = 6L << 20;
        KuboCli.config(daemon, "Datastore.StorageMax", (start + (4L << 20)) + "B");
        for (int i = 0; i < 24; i++) {
            byte[] block = new byte[256 << 10];
            ThreadLocalRandom.current().nextBytes(block);
            daemon.client().block.put(block, false);
        }
        Repo.Stat full = daemon.client().repo.stat();
        assertTrue(full.repoSize() >= start + junk * 9 / 10, "the junk is in the repository: " + full);
        await("the server has the daemon collect it").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1))
                .until(() -> daemon.client().repo.stat().repoSize() < start + (1L << 20));
    }

    private static void spendBurst(Api client) {
        for (int i = 0; i < BURST; i++) {
            Reply r = post(client, Map.of());
            assertEquals(201, r.status(), r.toString());
        }
    }

    /** A new valid comment on a new page, with these headers besides its Content-Type. */
    private static Reply post(Api client, Map<String, String> headers) {
        byte[] b = new byte[32];
        ThreadLocalRandom.current().nextBytes(b);
        String page = java.util.HexFormat.of().formatHex(b);
        Map<String, String> all = new java.util.HashMap<>(headers);
        all.put("Content-Type", "application/json");
        return client.postWithHeaders(page, SIGNER.sign(page, null, "Reader", "comment " + SEQUENCE.incrementAndGet(), 1L).fileBytes(), all);
    }

    /** A urlHash no one else asks for: SHA-256 of a label and a number. */
    private static String page(String label, int i) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(label.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest(ByteBuffer.allocate(4).putInt(i).array()));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
