package dev.comments.testkit.network;

import static org.awaitility.Awaitility.await;

import dev.comments.core.json.Jsons;
import dev.comments.launch.ServerLaunch;
import dev.comments.launch.ServerSettings;
import dev.comments.launch.Setting;
import dev.comments.testkit.Processes;
import dev.comments.testkit.Repository;
import dev.comments.testkit.server.Api;
import dev.comments.testkit.server.PayaraServer;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** One server of a {@link LocalNetwork}: its watcher process, its children, its store, its API. */
public final class Server {

    private final String name;
    private final String ip;
    private final Path data;
    private final String peerId;
    private final Duration syncInterval;
    private final Api api;
    private Process watcher;

    Server(String name, String ip, Path data, String peerId, Duration syncInterval) {
        this.name = name;
        this.ip = ip;
        this.data = data;
        this.peerId = peerId;
        this.syncInterval = syncInterval;
        this.api = new Api(apiUrl(), ip);
    }

    public String name() {
        return name;
    }

    public String ip() {
        return ip;
    }

    public String peerId() {
        return peerId;
    }

    public Path data() {
        return data;
    }

    /** {@code http://<ip>:<port>}: one of this server's listeners. */
    public String url(int port) {
        return "http://" + ip + ":" + port;
    }

    public URI apiUrl() {
        return URI.create(url(LocalNetwork.API) + "/");
    }

    /** A client of this server's API, from the server's own address. */
    public Api api() {
        return api;
    }

    /**
     * The settings this server runs with, as its operator would write them in server.properties.
     * The local network compresses time: its sync interval is seconds, not the default 30 s, while
     * a server still takes about 15 s to restart. With the default backoff ceiling (10 minutes) one
     * restart would leave a peer backed off for 16–32 s, many intervals; capped at four intervals,
     * a restart here costs a round or two, as it does on a real network.
     */
    public ServerSettings settings() {
        Path root = Repository.root();
        return ServerSettings.of(data).http(ip, LocalNetwork.API).ipfsApi(URI.create(url(LocalNetwork.RPC))).syncInterval(syncInterval)
                .with(Setting.SYNC_BACKOFF_MAX_MS, syncInterval.multipliedBy(4).toMillis())
                .with(Setting.STAMP_MIN_BITS, LocalNetwork.STAMP_BITS)
                .with(Setting.WATCHER_IPFS, root.resolve(".tools/bin/ipfs").toString())
                .with(Setting.WATCHER_PAYARA_JAR, PayaraServer.microJar().toString())
                .with(Setting.WATCHER_WAR, PayaraServer.war().toString())
                .with(Setting.WATCHER_SYNC_JAR, root.resolve("sync-agent/target/sync-agent.jar").toString());
    }

    /**
     * java -jar watcher-agent.jar with this server's server.properties, as an operator runs it;
     * {@code detached}: in a session of its own (setsid), so that it outlives the caller and a
     * Ctrl-C in the caller's terminal does not reach it (./dev up).
     */
    public void startWatcher(boolean detached) throws IOException {
        Files.createDirectories(data.resolve("logs"));
        Path properties = settings().writeProperties(data.resolve("server.properties"));
        List<String> command = new ArrayList<>(ServerLaunch.watcher(Repository.root().resolve("watcher-agent/target/watcher-agent.jar"),
                properties).command());
        if (detached) {
            command.addFirst("setsid");
        }
        ProcessBuilder b = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.appendTo(data.resolve("logs/watcher.log").toFile()));
        Setting.clearFrom(b.environment());
        watcher = b.start();
    }

    /** The watcher's process, while this JVM started it. */
    public Process watcher() {
        return watcher;
    }

    public void awaitHealthy(Duration timeout) {
        await(name + " is healthy").atMost(timeout).pollInterval(Duration.ofMillis(500)).until(() -> {
            if (watcher != null && !watcher.isAlive()) {
                throw new AssertionError(name + "'s watcher exited with " + watcher.exitValue() + "; see " + data.resolve("logs"));
            }
            try {
                return api.get("health").status() == 200;
            } catch (IllegalStateException notYet) {
                return false;
            }
        });
    }

    /** SIGTERM to the watcher: it stops its children in reverse order. */
    public void stopWatcher() {
        Processes.stop(watcher, Duration.ofSeconds(90));
    }

    /** After a failure anywhere: end whatever this server's pid files still name. */
    public void stopLeftovers() {
        Path run = data.resolve("watcher");
        if (!Files.isDirectory(run)) {
            return;
        }
        try (Stream<Path> pids = Files.list(run)) {
            for (Path file : pids.filter(p -> p.toString().endsWith(".pid")).toList()) {
                String[] parts = Files.readString(file).strip().split(" ");
                long started = Long.parseLong(parts[1]);
                ProcessHandle.of(Long.parseLong(parts[0]))
                        .filter(p -> p.info().startInstant().map(i -> i.toEpochMilli() == started).orElse(false))
                        .ifPresent(ProcessHandle::destroyForcibly);
            }
        } catch (IOException | RuntimeException e) {
            // best effort: nothing more can be done for a test that already failed
        }
    }

    /** The watcher's status.json. */
    public JsonObject status() {
        try {
            return Jsons.reader(new StringReader(Files.readString(data.resolve("watcher/status.json")))).readObject();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public JsonObject child(String child) {
        return status().getJsonArray("children").getValuesAs(JsonObject.class).stream()
                .filter(c -> c.getString("name").equals(child)).findFirst().orElseThrow();
    }

    /** kill -9 of one of this server's processes ("kubo", "server", "sync"). Returns its pid. */
    public long kill9(String child) {
        long pid = child(child).getJsonNumber("pid").longValue();
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        return pid;
    }

    /** The comment ids on this server's disk for a page. */
    public Set<String> storedIds(String page) throws IOException {
        Path folder = data.resolve("comments").resolve(page);
        if (!Files.isDirectory(folder)) {
            return Set.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json"))
                    .map(n -> n.substring(0, n.length() - ".json".length())).collect(Collectors.toSet());
        }
    }

    /**
     * Places a file in the store behind the server's back, as a compromised server or a careless
     * operator could, and marks the store changed as any writer of it does.
     */
    public void placeInStore(String page, String name, byte[] bytes) throws IOException {
        Path folder = Files.createDirectories(data.resolve("comments").resolve(page));
        Files.write(folder.resolve(name), bytes);
        // the store's change journal: one urlHash line per changed page (ChangeJournal)
        Files.writeString(data.resolve("comments/.changed"), page + "\n",
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
    }

    @Override
    public String toString() {
        return name + " (" + ip + ")";
    }
}
