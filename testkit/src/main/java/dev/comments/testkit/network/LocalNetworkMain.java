package dev.comments.testkit.network;

import dev.comments.core.json.Jsons;
import dev.comments.launch.ServerLaunch;
import dev.comments.launch.Setting;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The local network of {@code ./dev up}, started by the same fixture the end-to-end tests use
 * ({@link LocalNetwork}), so that its topology (addresses, ports, settings) is written once.
 *
 * <pre>
 *   java -Dcomments.repo=ROOT -jar testkit.jar up RUN SERVERS   configure and start SERVERS watchers and the
 *                                                             client site, detached; wait until they answer;
 *                                                             write RUN/network.json; print how to use them
 *   java -Dcomments.repo=ROOT -jar testkit.jar status RUN [--json]   what runs, from RUN/network.json and live checks
 * </pre>
 *
 * Each process it starts gets a pid file in RUN/pids in ./dev's format (scripts/lib/processes.sh):
 * the pid, and a marker its command line carries, so that {@code ./dev stop} ends exactly those.
 * The sync interval is COMMENTS_SYNC_INTERVAL_MS when set. Exit codes: 0 ok, 1 failed, 100 usage.
 */
public final class LocalNetworkMain {

    static final String PREFIX = "127.0.0.";
    static final int CLIENT_PORT = 4173;
    static final String STATE_FILE = "network.json";

    private LocalNetworkMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length >= 3 && args[0].equals("up")) {
            System.exit(up(Path.of(args[1]).toAbsolutePath(), Integer.parseInt(args[2])));
        } else if (args.length >= 2 && args[0].equals("status")) {
            System.exit(status(Path.of(args[1]).toAbsolutePath(), args.length > 2 && args[2].equals("--json")));
        }
        System.err.println("usage: up RUN SERVERS | status RUN [--json]");
        System.exit(100);
    }

    static int up(Path run, int count) throws IOException, InterruptedException {
        String interval = System.getenv().getOrDefault(Setting.SYNC_INTERVAL_MS.envName(), Setting.SYNC_INTERVAL_MS.defaultValue());
        LocalNetwork network = LocalNetwork.configure(run, PREFIX, count, Duration.ofMillis(Long.parseLong(interval)));
        network.startWatchers(true);
        for (Server s : network.servers()) {
            writePidFile(run, s.name() + "-watcher", s.watcher().pid(), ServerLaunch.configOption(s.data().resolve("server.properties")));
        }
        network.awaitHealthy();
        ClientSite client = ClientSite.start(run.resolve("client"), CLIENT_PORT, network.servers(), null, true);
        writePidFile(run, "client-site", client.pid(), ClientSite.serveScript().toString());
        Files.writeString(run.resolve(STATE_FILE), state(network, client.url()).toString() + "\n");
        printStarted(network, client.url());
        return 0;
    }

    /** What ./dev up started: one object per server, and the client's URL. */
    static JsonObject state(LocalNetwork network, URI client) {
        JsonArrayBuilder servers = Jsons.array();
        for (Server s : network.servers()) {
            servers.add(Jsons.object().add("name", s.name()).add("ip", s.ip()).add("peerId", s.peerId())
                    .add("api", s.url(LocalNetwork.API)).add("rpc", s.url(LocalNetwork.RPC)).add("gateway", s.url(LocalNetwork.GATEWAY))
                    .add("data", s.data().toString()));
        }
        return Jsons.object().add("servers", servers).add("client", client.toString()).build();
    }

    /** The state file with each part's liveness now: "up" per server (GET /health is 200) and the client. */
    static int status(Path run, boolean json) throws IOException, InterruptedException {
        Path file = run.resolve(STATE_FILE);
        if (!Files.isRegularFile(file)) {
            System.out.println(json ? "{\"servers\":[],\"client\":null}" : "nothing has been started (./dev up)");
            return 0;
        }
        JsonObject state = Jsons.reader(new StringReader(Files.readString(file))).readObject();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        JsonArrayBuilder servers = Jsons.array();
        for (JsonObject s : state.getJsonArray("servers").getValuesAs(JsonObject.class)) {
            servers.add(Jsons.object(s).add("up", answers(http, s.getString("api") + "/health")));
        }
        String clientUrl = state.getString("client");
        JsonObjectBuilder now = Jsons.object().add("servers", servers);
        if (answers(http, clientUrl + "config.json")) {
            now.add("client", clientUrl);
        } else {
            now.addNull("client");
        }
        JsonObject status = now.build();
        if (json) {
            System.out.println(status);
        } else {
            printStatus(run, status);
        }
        return 0;
    }

    private static boolean answers(HttpClient http, String url) throws InterruptedException {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).build();
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException notAnswering) {
            return false;
        }
    }

    /** A pid file as scripts/lib/processes.sh writes one: the pid, and the marker its command line carries. */
    private static void writePidFile(Path run, String name, long pid, String marker) throws IOException {
        Path pids = Files.createDirectories(run.resolve("pids"));
        Files.writeString(pids.resolve(name + ".pid"), pid + "\n");
        Files.writeString(pids.resolve(name + ".pid.marker"), marker + "\n");
    }

    private static void printStarted(LocalNetwork network, URI client) {
        System.out.println();
        System.out.println("==> started the local network:");
        for (Server s : network.servers()) {
            System.out.printf("  %s  comment API %s  (data and logs in %s)%n", s.name(), s.url(LocalNetwork.API), s.data());
            System.out.printf("            kubo PeerID %s%n", s.peerId());
            System.out.printf("            Kubo RPC %s  gateway %s  libp2p /ip4/%s/tcp/%d and /tcp/%d/ws%n",
                    s.url(LocalNetwork.RPC), s.url(LocalNetwork.GATEWAY), s.ip(), LocalNetwork.SWARM, LocalNetwork.WEBSOCKETS);
        }
        System.out.println();
        System.out.println("Each server runs under its watcher (kubo, then Payara Micro, then the sync agent),");
        System.out.println("which restarts whatever dies, hangs or leaks. Try: curl " + network.server(1).url(LocalNetwork.API) + "/health");
        System.out.println();
        System.out.println("Open the client: " + client + "  (paste any URL, or open " + client + "#<urlHash>)");
    }

    private static void printStatus(Path run, JsonObject status) {
        for (JsonObject s : status.getJsonArray("servers").getValuesAs(JsonObject.class)) {
            System.out.printf("%s  api %-4s %s  rpc %s  gateway %s%n", s.getString("name"), s.getBoolean("up") ? "up" : "down",
                    s.getString("api"), s.getString("rpc"), s.getString("gateway"));
            printChildren(run.resolve(s.getString("name")).resolve("watcher/status.json"));
        }
        System.out.println();
        System.out.println("client site: " + (status.isNull("client") ? "not running" : status.getString("client")));
    }

    /** The watcher's children, from the status.json it rewrites every second. */
    private static void printChildren(Path statusFile) {
        try {
            JsonObject watcher = Jsons.reader(new StringReader(Files.readString(statusFile))).readObject();
            for (JsonObject c : watcher.getJsonArray("children").getValuesAs(JsonObject.class)) {
                System.out.printf("    %-7s %-9s pid %-8s restarts %s%n", c.getString("name"), c.getString("state"),
                        c.get("pid"), c.get("restarts"));
            }
        } catch (IOException | RuntimeException unreadable) {
            System.out.println("    (no watcher status: " + statusFile + ")");
        }
    }
}
