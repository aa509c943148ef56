package dev.comments.testkit.network;

import static org.awaitility.Awaitility.await;

import dev.comments.testkit.Folders;
import dev.comments.testkit.kubo.KuboConfigure;
import dev.comments.testkit.server.PayaraServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A local network of comment servers, each exactly as an operator runs it: one
 * {@code java -jar watcher-agent.jar} with the server's settings, which starts kubo, then
 * Payara Micro with the WAR, then the sync agent. Server n lives on {@code <prefix>(n+1)}
 * with the standard ports; daemons are bootstrapped to each other, nothing else.
 * {@link #close()} stops every watcher (and so every child), even after a failed test.
 */
public final class LocalNetwork implements AutoCloseable {

    /** Every server's ports, each on its own loopback address: Kubo RPC, gateway, libp2p TCP and WebSockets, the API. */
    static final int RPC = 5001;
    static final int GATEWAY = 8080;
    static final int SWARM = 4001;
    static final int WEBSOCKETS = 4002;
    static final int API = 8000;
    static final int[] PORTS = {RPC, GATEWAY, SWARM, WEBSOCKETS, API};
    public static final Duration START = Duration.ofSeconds(240);
    /**
     * The stamp every local server asks for (docs/protocol.md §3.9): enough that each post in the
     * browser goes through the stamping workers, about a thousand signatures, a fraction of a second.
     */
    public static final int STAMP_BITS = 10;

    private final Path dir;
    private final List<Server> servers;

    private LocalNetwork(Path dir, List<Server> servers) {
        this.dir = dir;
        this.servers = servers;
    }

    /** A fresh network for a test: {@code dir} emptied, every server started and healthy. */
    public static LocalNetwork start(Path dir, String prefix, int count, Duration syncInterval) throws IOException {
        Folders.deleteRecursively(dir);
        LocalNetwork network = configure(dir, prefix, count, syncInterval);
        try {
            network.startWatchers(false);
            network.awaitHealthy();
        } catch (IOException | RuntimeException | Error e) {
            network.close();
            throw e;
        }
        return network;
    }

    /**
     * Configures {@code count} servers in {@code dir} (kept: their stores survive), each daemon
     * bootstrapped to the others, none started. Server n lives on {@code <prefix>(n+1)}.
     */
    public static LocalNetwork configure(Path dir, String prefix, int count, Duration syncInterval) throws IOException {
        Files.createDirectories(dir);
        List<String> peerIds = new ArrayList<>();
        for (int n = 1; n <= count; n++) {
            peerIds.add(KuboConfigure.run(repo(dir, n), ip(prefix, n), PORTS, List.of(), dir.resolve("kubo-configure.log")));
        }
        List<Server> servers = new ArrayList<>();
        for (int n = 1; n <= count; n++) {
            List<String> bootstrap = new ArrayList<>();
            for (int m = 1; m <= count; m++) {
                if (m != n) {
                    bootstrap.add("/ip4/" + ip(prefix, m) + "/tcp/" + SWARM + "/p2p/" + peerIds.get(m - 1));
                }
            }
            KuboConfigure.run(repo(dir, n), ip(prefix, n), PORTS, bootstrap, dir.resolve("kubo-configure.log"));
            servers.add(new Server("server-" + n, ip(prefix, n), dir.resolve("server-" + n), peerIds.get(n - 1), syncInterval));
        }
        return new LocalNetwork(dir, servers);
    }

    /** One watcher per server; {@code detached}: in a session of its own, to outlive the caller. */
    public void startWatchers(boolean detached) throws IOException {
        for (Server s : servers) {
            s.startWatcher(detached);
        }
    }

    public void awaitHealthy() {
        for (Server s : servers) {
            s.awaitHealthy(START);
        }
    }

    public List<Server> servers() {
        return servers;
    }

    public Server server(int n) {
        return servers.get(n - 1);
    }

    /** Every log of the network, for the tail printed when a test fails; none when the folder is unreadable. */
    public List<Path> logs() {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(p -> p.toString().endsWith(".log")).sorted().toList();
        } catch (IOException | java.io.UncheckedIOException e) {
            return List.of();
        }
    }

    @Override
    public void close() {
        for (Server s : servers) {
            s.stopWatcher();
        }
        for (Server s : servers) {
            s.stopLeftovers();
        }
    }

    /** Waits until every server holds the given comment ids for the page. */
    public void awaitEverywhere(String page, java.util.Collection<String> ids, Duration timeout) {
        for (Server s : servers) {
            await(s.name() + " has all " + ids.size() + " comments of " + page).atMost(timeout)
                    .pollInterval(Duration.ofMillis(500)).until(() -> s.storedIds(page).containsAll(ids));
        }
    }

    static String ip(String prefix, int n) {
        return prefix + (n + 1);
    }

    private static Path repo(Path dir, int n) {
        return dir.resolve("server-" + n).resolve("ipfs");
    }

}
